import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

// The only module that reads process.env: every setting is parsed here, once, and checked with zod.

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const snowflake = z
  .string()
  .trim()
  .regex(/^\d{17,20}$/, 'must be a Discord id: 17 to 20 digits');
const port = z.coerce.number().int().min(1).max(65535);

/** Where /healthz and /readyz listen unless HEALTH_PORT says otherwise ("off" turns them off). */
export const DEFAULT_HEALTH_PORT = 8080;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const ConfigSchema = z.object({
  DISCORD_TOKEN: optional(z.string().trim().min(50, 'must be a Discord bot token (about 70 characters)')),
  DISCORD_APPLICATION_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  WELCOME_CHANNEL_ID: optional(snowflake),
  SLACK_BOT_TOKEN: optional(
    z.string().trim().startsWith('xoxb-', 'must be a Slack bot token starting with "xoxb-"'),
  ),
  SLACK_APP_TOKEN: optional(
    z.string().trim().startsWith('xapp-', 'must be a Slack app-level token starting with "xapp-"'),
  ),
  SLACK_SIGNING_SECRET: optional(
    z
      .string()
      .trim()
      .regex(/^[0-9a-f]{32}$/, 'must be the 32 hex characters of the Slack signing secret'),
  ),
  SLACK_WELCOME: z.preprocess(
    blankToUndefined,
    z.enum(['true', 'false'], 'must be true or false').default('false'),
  ),
  PORT: z.preprocess(blankToUndefined, port.default(3000)),
  // Blank means the default, so a blank line in an env file never turns the health check off by accident.
  HEALTH_PORT: z.preprocess(blankToUndefined, z.union([z.literal('off'), port]).default(DEFAULT_HEALTH_PORT)),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(LOG_LEVELS).default('info')),
  DRAIN_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(120_000).default(5_000)),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().trim().min(1).default('data')),
  KB_MAX_FILE_BYTES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).default(5_000_000)),
  KB_MAX_TOTAL_BYTES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).default(50_000_000)),
  FORMULA_IMAGES: z.preprocess(
    blankToUndefined,
    z.enum(['true', 'false'], 'must be true or false').default('true'),
  ),
});

export type Config = {
  discord?: { token: string; applicationId: string; guildId?: string; welcomeChannelId?: string };
  slack?: (
    | { botToken: string; mode: 'socket'; appToken: string }
    | { botToken: string; mode: 'http'; signingSecret: string; port: number }
  ) & { welcome?: boolean };
  healthPort?: number;
  logLevel: (typeof LOG_LEVELS)[number];
  dataDir: string;
  /** On SIGTERM, how long to keep answering (with /readyz at 503) before closing the connections. */
  drainMs: number;
  /** The most a knowledge-base file, and all of them together, may weigh; more is refused with a clear error. */
  kbLimits?: { maxFileBytes: number; maxTotalBytes: number };
  /** Formulas as pictures on Discord and Slack (rendered from their LaTeX at load); absent means off. */
  formulaImages?: boolean;
};

/** A setting that is missing or malformed; the message names each variable, never its value. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(
      `Invalid configuration (check .env; .env.example documents every setting):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Settings that only make sense together; checked on the raw values so every problem is listed at once. */
function missingCompanions(env: Readonly<Record<string, string | undefined>>): string[] {
  const set = (key: string) => (env[key] ?? '').trim() !== '';
  const problems: string[] = [];
  if (set('DISCORD_TOKEN') && !set('DISCORD_APPLICATION_ID'))
    problems.push('DISCORD_APPLICATION_ID is required when DISCORD_TOKEN is set');
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_APP_TOKEN') && !set('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) is required when SLACK_BOT_TOKEN is set',
    );
  }
  if (!set('SLACK_BOT_TOKEN') && (set('SLACK_APP_TOKEN') || set('SLACK_SIGNING_SECRET'))) {
    problems.push('SLACK_BOT_TOKEN is required when other SLACK_ settings are set');
  }
  return problems;
}

export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = ConfigSchema.safeParse(env);
  // zod messages never include the input; each problem is "<VARIABLE> <what it should look like>".
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`)),
    ...missingCompanions(env),
  ];
  if (!result.success || problems.length > 0) throw new ConfigError(problems);
  const e = result.data;
  const config: Config = {
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    drainMs: e.DRAIN_MS,
    kbLimits: { maxFileBytes: e.KB_MAX_FILE_BYTES, maxTotalBytes: e.KB_MAX_TOTAL_BYTES },
    formulaImages: e.FORMULA_IMAGES === 'true',
  };
  if (e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID) {
    config.discord = {
      token: e.DISCORD_TOKEN,
      applicationId: e.DISCORD_APPLICATION_ID,
      ...(e.DISCORD_GUILD_ID ? { guildId: e.DISCORD_GUILD_ID } : {}),
      ...(e.WELCOME_CHANNEL_ID ? { welcomeChannelId: e.WELCOME_CHANNEL_ID } : {}),
    };
  }
  if (e.SLACK_BOT_TOKEN && e.SLACK_APP_TOKEN) {
    config.slack = {
      botToken: e.SLACK_BOT_TOKEN,
      mode: 'socket',
      appToken: e.SLACK_APP_TOKEN,
      welcome: e.SLACK_WELCOME === 'true',
    };
  } else if (e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET) {
    config.slack = {
      botToken: e.SLACK_BOT_TOKEN,
      mode: 'http',
      signingSecret: e.SLACK_SIGNING_SECRET,
      port: e.PORT,
      welcome: e.SLACK_WELCOME === 'true',
    };
  }
  if (e.HEALTH_PORT !== 'off') config.healthPort = e.HEALTH_PORT;
  return config;
}

/** Reads `.env` (if present) into the environment, then parses it. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}

import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

// The only module that reads process.env: every setting is parsed here, once.

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const ConfigSchema = z.object({
  DATA_DIR: z.string().trim().min(1).default('data'),
});

export type Config = {
  dataDir: string;
};

/** A setting that is missing or malformed; the message names the variable, never its value. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return { dataDir: result.data.DATA_DIR };
}

/** Reads `.env` (if present) into the environment, then parses it. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}

export { optionalText };

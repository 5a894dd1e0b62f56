// One bot process for the bench, compiled to JavaScript first so it starts as production does (node dist/…).
// `bot.js <discord|slack> <real|floor|bare>`: the real app; a floor bot that sends the same reply every time
// (a real answer of the usual shape, rendered once by the parent) and logs a line, as the real one does; or
// a bare client that only connects. It reports "ready" to the parent.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import type { DiscordReply } from '../../src/render/discord.ts';
import type { SlackMessage } from '../../src/render/slack.ts';

type Ready = { type: 'ready'; ms: number; rss: number };

const [platform, kind] = process.argv.slice(2);
const api = process.env.BENCH_API ?? '';
const logFile = process.env.BENCH_LOG ?? '/dev/null';
const port = Number(process.env.BENCH_PORT ?? 0);
/** The floor's constant reply: the platform's payload for one real answer, as the parent rendered it. */
function floorReply<T>(): T {
  return JSON.parse(readFileSync(process.env.BENCH_REPLY ?? '', 'utf8')) as T;
}
const DISCORD_TOKEN = `bench.${'x'.repeat(60)}`;
const SLACK = {
  botToken: 'xoxb-test-token',
  signingSecret: '0123456789abcdef0123456789abcdef',
  botId: 'B0BOT',
  botUserId: 'U0BOT',
};

// Exit cleanly when the parent is done, so a profile (--cpu-prof) is written.
process.on('SIGTERM', () => process.exit(0));

if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(api)) throw new Error('the stand-in must be on loopback');

function ready(): void {
  const message: Ready = { type: 'ready', ms: performance.now(), rss: process.memoryUsage().rss };
  process.send?.(message);
}

function fileLogger() {
  return pino({ level: 'info', base: { app: 'bench' } }, pino.destination({ dest: logFile, sync: false }));
}

/** As the real bot hands discord.js its rendered embeds and components: already JSON, nothing to build. */
function discordBody(body: DiscordReply) {
  return {
    ...body,
    embeds: body.embeds.map((e) => ({ toJSON: () => e })),
    components: body.components.map((c) => ({ toJSON: () => c })),
  };
}

const discordOverrides = {
  waitGuildTimeout: 0,
  ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) },
  rest: { api, globalRequestsPerSecond: 100_000, timeout: 10_000 },
};

async function discord(): Promise<void> {
  if (kind === 'real') {
    const [{ startApp }, { createLogger }] = await Promise.all([
      import('../../src/app.ts'),
      import('../../src/log.ts'),
    ]);
    const logger = createLogger('info', pino.destination({ dest: logFile, sync: false }));
    const config = {
      discord: { token: DISCORD_TOKEN, applicationId: '1100000000000000001' },
      logLevel: 'info',
      dataDir: 'data',
      drainMs: 0,
    } as const;
    await startApp(config, logger, { discord: discordOverrides });
    return ready();
  }
  const { Client, Events, GatewayIntentBits } = await import('discord.js');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    allowedMentions: { parse: [], repliedUser: false },
    ...discordOverrides,
  });
  if (kind === 'floor') {
    const logger = fileLogger();
    const body = discordBody(floorReply<DiscordReply>());
    client.on(Events.InteractionCreate, (i) => {
      if (!i.isChatInputCommand()) return;
      logger.info({ question: i.options.getString('question') }, 'answered');
      void i.reply(body);
    });
  }
  const connected = new Promise((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(DISCORD_TOKEN);
  await connected;
  ready();
}

async function slack(): Promise<void> {
  const clientOptions = { slackApiUrl: api, retryConfig: { retries: 0 } };
  if (kind === 'real') {
    const [{ startApp }, { createLogger }] = await Promise.all([
      import('../../src/app.ts'),
      import('../../src/log.ts'),
    ]);
    const logger = createLogger('info', pino.destination({ dest: logFile, sync: false }));
    const config = {
      slack: { mode: 'http', botToken: SLACK.botToken, signingSecret: SLACK.signingSecret, port },
      logLevel: 'info',
      dataDir: 'data',
      drainMs: 0,
    } as const;
    await startApp(config, logger, {
      slack: { clientOptions, botId: SLACK.botId, botUserId: SLACK.botUserId, host: '127.0.0.1' },
    });
    return ready();
  }
  const { App, LogLevel } = await import('@slack/bolt');
  const app = new App({
    token: SLACK.botToken,
    signingSecret: SLACK.signingSecret,
    botId: SLACK.botId,
    botUserId: SLACK.botUserId,
    logLevel: LogLevel.ERROR,
    clientOptions,
  });
  if (kind === 'floor') {
    const logger = fileLogger();
    const reply = floorReply<SlackMessage>();
    app.command('/llm', async ({ ack, respond, command }) => {
      await ack();
      logger.info({ question: command.text }, 'answered');
      await respond({ ...reply, response_type: 'in_channel' });
    });
  }
  await app.start({ port, host: '127.0.0.1' });
  ready();
}

if (platform === 'discord') await discord();
else if (platform === 'slack') await slack();
else throw new Error(`unknown platform ${platform}`);

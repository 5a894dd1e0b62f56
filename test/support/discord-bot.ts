import { Writable } from 'node:stream';
import type { Client, ClientOptions } from 'discord.js';
import { createDiscordBot, type DiscordBot, type DiscordDeps } from '../../src/adapters/discord/client.ts';
import { createLogger } from '../../src/log.ts';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.ts';
import { realKb } from './kb.ts';
import { leakedSecrets } from './secrets.ts';
import { useStarted } from './suite.ts';

export const TEST_TOKEN = 'test-token.not-a-secret.abc';

/** Log lines the bot wrote, parsed, so tests can assert on them; `raw` is the text as written. */
export function captureLogs(): { lines: Record<string, unknown>[]; raw: string[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw.push(chunk.toString());
      for (const l of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { lines, raw, stream };
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out`)), ms)),
  ]);
}

export type TestDiscordBot = {
  fake: FakeDiscord;
  bot: DiscordBot;
  client: Client;
  logs: Record<string, unknown>[];
  /** Everything logged, as written. */
  rawLogs: string[];
  stop: () => Promise<void>;
};

/** The real bot (real discord.js Client, real handlers) against a fresh local Discord. */
export async function startTestDiscordBot(extra: Partial<DiscordDeps> = {}): Promise<TestDiscordBot> {
  const fake = await startFakeDiscord();
  const kb = await realKb();
  const { lines, raw, stream } = captureLogs();
  const api = fake.restApi;
  const overrides: Partial<ClientOptions> = {
    waitGuildTimeout: 0,
    ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) },
    // rest last and whole, so nothing can put discord.com back (and with it the token).
    rest: { api, globalRequestsPerSecond: 10_000, retries: 3, timeout: 5_000 },
  };
  const bot = createDiscordBot(
    TEST_TOKEN,
    { kb: () => kb, logger: createLogger('debug', stream), ...extra },
    overrides,
  );
  const restBase = bot.client.rest.options.api;
  if (!/^http:\/\/127\.0\.0\.1:\d+\/api$/.test(restBase)) {
    await fake.close();
    throw new Error(`refusing to log in: the client's API base is ${restBase}, not a loopback stand-in`);
  }
  await withTimeout(bot.start(), 5_000, 'discord login');
  return {
    fake,
    bot,
    client: bot.client,
    logs: lines,
    rawLogs: raw,
    stop: async () => {
      await withTimeout(bot.stop(), 2_000, 'discord destroy').catch(() => undefined);
      await fake.close();
    },
  };
}

/** Starts the bot before a suite and stops it after, failing the suite if the stand-in saw an unexpected route. */
export function useTestDiscordBot(extra: Partial<DiscordDeps> = {}): TestDiscordBot {
  return useStarted(
    () => startTestDiscordBot(extra),
    async (t) => {
      const unhandled = t.fake.unhandled().map((r) => `${r.method} ${r.path}`);
      await t.stop();
      // Every suite's logs are searched for credentials, whatever its tests did.
      const leaks = leakedSecrets(t.rawLogs.join(''), [TEST_TOKEN]).map((s) => `logged a credential: ${s}`);
      return [...unhandled, ...leaks];
    },
  );
}

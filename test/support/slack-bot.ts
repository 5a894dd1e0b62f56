import { createSlackBot, type SlackBot, type SlackDeps } from '../../src/adapters/slack/app.ts';
import { createLogger } from '../../src/log.ts';
import { captureLogs, withTimeout } from './discord-bot.ts';
import { type FakeSlack, SLACK, startFakeSlack } from './fake-slack.ts';
import { realKb } from './kb.ts';
import { leakedSecrets } from './secrets.ts';
import { useStarted } from './suite.ts';

export type TestSlackBot = {
  fake: FakeSlack;
  bot: SlackBot;
  url: string;
  logs: Record<string, unknown>[];
  /** Everything logged, as written. */
  rawLogs: string[];
  stop: () => Promise<void>;
};

/** The real Bolt app with the bot's real listeners, against a fresh local Slack. */
export async function startTestSlackBot(
  mode: 'http' | 'socket',
  extra: Partial<SlackDeps> = {},
): Promise<TestSlackBot> {
  const fake = await startFakeSlack();
  const kb = await realKb();
  const { lines, raw, stream } = captureLogs();
  const config =
    mode === 'socket'
      ? { mode: 'socket' as const, botToken: SLACK.botToken, appToken: SLACK.appToken }
      : { mode: 'http' as const, botToken: SLACK.botToken, signingSecret: SLACK.signingSecret, port: 0 };
  const bot = createSlackBot(
    config,
    { kb: () => kb, logger: createLogger('debug', stream), ...extra },
    {
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
      botId: SLACK.botId,
      botUserId: SLACK.botUserId,
      host: '127.0.0.1',
    },
  );
  await withTimeout(bot.start(), 5_000, 'slack start');
  const port = bot.port();
  return {
    fake,
    bot,
    url: `http://127.0.0.1:${port ?? 0}/slack/events`,
    logs: lines,
    rawLogs: raw,
    stop: async () => {
      await withTimeout(bot.stop(), 3_000, 'slack stop').catch(() => undefined);
      await fake.stop();
    },
  };
}

/** Starts the app before a suite and stops it after, failing the suite if the stand-in saw an unexpected call. */
export function useTestSlackBot(mode: 'http' | 'socket', extra: Partial<SlackDeps> = {}): TestSlackBot {
  return useStarted(
    () => startTestSlackBot(mode, extra),
    async (t) => {
      const unhandled = t.fake.unhandled();
      await t.stop();
      // Every suite's logs (Bolt's debug output included) are searched for credentials.
      const leaks = leakedSecrets(t.rawLogs.join('')).map((s) => `logged a credential: ${s}`);
      return [...unhandled, ...leaks];
    },
  );
}

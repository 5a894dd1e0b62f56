import { type RunningApp, startApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { bothAdaptersConfig, standInOverrides } from './app-overrides.ts';
import { captureLogs } from './discord-bot.ts';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.ts';
import { type FakeSlack, startFakeSlack } from './fake-slack.ts';

export type StandInApp = {
  app: RunningApp;
  discord: FakeDiscord;
  slack: FakeSlack;
  logs: Record<string, unknown>[];
  stop: () => Promise<void>;
};

/** The whole app (startApp) with both adapters, against fresh stand-ins of Discord and Slack. */
export async function startStandInApp(dataDir: string, extra: Partial<Config> = {}): Promise<StandInApp> {
  const discord = await startFakeDiscord();
  const slack = await startFakeSlack();
  const captured = captureLogs();
  const app = await startApp(
    { ...bothAdaptersConfig(dataDir), ...extra },
    createLogger('debug', captured.stream),
    standInOverrides(discord.restApi, slack.apiUrl),
  );
  return {
    app,
    discord,
    slack,
    logs: captured.lines,
    stop: async () => {
      await app.shutdown();
      await discord.close();
      await slack.stop();
    },
  };
}

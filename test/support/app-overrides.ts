import type { AppOverrides } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { SLACK } from './fake-slack.ts';

export const APP_DISCORD_TOKEN = `test.${'x'.repeat(60)}`;

/** A config with both adapters (Slack in Socket Mode) and health, as a real .env would give. */
export function bothAdaptersConfig(dataDir: string): Config {
  return {
    discord: { token: APP_DISCORD_TOKEN, applicationId: '1100000000000000001' },
    slack: { botToken: SLACK.botToken, mode: 'socket', appToken: SLACK.appToken, welcome: false },
    healthPort: 0,
    logLevel: 'debug',
    dataDir,
    drainMs: Number(process.env.TEST_DRAIN_MS ?? 0),
  };
}

/** Points both clients at the local stand-ins, with the test-speed options the stand-ins need. */
export function standInOverrides(discordApi: string, slackApi: string): AppOverrides {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(discordApi) || !/^http:\/\/127\.0\.0\.1:\d+\//.test(slackApi)) {
    throw new Error('stand-ins must be on loopback');
  }
  return {
    discord: {
      waitGuildTimeout: 0,
      ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) },
      rest: { api: discordApi, globalRequestsPerSecond: 10_000, timeout: 5_000 },
    },
    slack: {
      clientOptions: { slackApiUrl: slackApi, retryConfig: { retries: 0 } },
      botId: SLACK.botId,
      botUserId: SLACK.botUserId,
    },
    healthHost: '127.0.0.1',
  };
}

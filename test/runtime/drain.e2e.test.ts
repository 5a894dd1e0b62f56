import { afterEach, describe, expect, test } from 'vitest';
import { startApp } from '../../src/app.ts';
import { createLogger } from '../../src/log.ts';
import { captureLogs } from '../support/discord-bot.ts';
import { type FakeSlack, type ResponseCall, SLACK, startFakeSlack } from '../support/fake-slack.ts';
import { DATA_DIR } from '../support/kb.ts';
import { freePort } from '../support/processes.ts';
import { leakedSecrets } from '../support/secrets.ts';

let slack: FakeSlack | undefined;
afterEach(async () => {
  await slack?.stop();
});

describe('a shutdown in Slack HTTP mode', () => {
  test('answers every request that arrives in the drain window, then stops listening', async () => {
    slack = await startFakeSlack();
    const fake = slack;
    const port = await freePort();
    const captured = captureLogs();
    const app = await startApp(
      {
        slack: { mode: 'http', botToken: SLACK.botToken, signingSecret: SLACK.signingSecret, port },
        healthPort: 0,
        logLevel: 'debug',
        dataDir: DATA_DIR,
        drainMs: 800,
      },
      createLogger('debug', captured.stream),
      {
        slack: {
          clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
          botId: SLACK.botId,
          botUserId: SLACK.botUserId,
          host: '127.0.0.1',
        },
        healthHost: '127.0.0.1',
      },
    );
    const url = `http://127.0.0.1:${port}/slack/events`;
    const stopped = app.shutdown();
    expect((await fetch(`http://127.0.0.1:${app.healthPort}/readyz`)).status).toBe(503);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await fake.deliver(url, {
        form: fake.slashCommand('what is bert', { responseId: `drain-${i}` }),
      });
      statuses.push(res.status);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(statuses).toEqual(new Array(10).fill(200));
    for (let i = 0; i < 10; i++)
      await fake.waitFor<ResponseCall>('response', (r) => r.id === `drain-${i}`, 3000);
    expect(await stopped).toEqual({ drained: true });
    await expect(fake.deliver(url, { form: fake.slashCommand('what is bert') })).rejects.toThrow();
    expect(leakedSecrets(captured.raw.join(''))).toEqual([]);
  });
});

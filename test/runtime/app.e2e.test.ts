import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningApp, startApp } from '../../src/app.ts';
import { createLogger } from '../../src/log.ts';
import { bothAdaptersConfig, standInOverrides } from '../support/app-overrides.ts';
import { captureLogs } from '../support/discord-bot.ts';
import {
  callbackOf,
  type FakeDiscord,
  interactions,
  type Json,
  startFakeDiscord,
} from '../support/fake-discord.ts';
import { type FakeSlack, type ResponseCall, startFakeSlack } from '../support/fake-slack.ts';
import { DATA_DIR } from '../support/kb.ts';

let discord: FakeDiscord;
let slack: FakeSlack;
let app: RunningApp;
let logs: Record<string, unknown>[];

beforeAll(async () => {
  discord = await startFakeDiscord();
  slack = await startFakeSlack();
  const captured = captureLogs();
  logs = captured.lines;
  app = await startApp(
    bothAdaptersConfig(DATA_DIR),
    createLogger('debug', captured.stream),
    standInOverrides(discord.restApi, slack.apiUrl),
  );
});

afterAll(async () => {
  await app?.shutdown();
  await discord?.close();
  await slack?.stop();
});

async function readyz(): Promise<{ status: number; body: Json }> {
  const res = await fetch(`http://127.0.0.1:${app.healthPort}/readyz`);
  return { status: res.status, body: (await res.json()) as Json };
}

async function waitForStatus(status: number, timeout = 8000): Promise<Json> {
  const start = Date.now();
  for (;;) {
    const r = await readyz();
    if (r.status === status) return r.body;
    if (Date.now() - start > timeout) throw new Error(`readyz stayed ${r.status}: ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}

describe('one process running Discord and Slack', () => {
  test('starts both adapters, logs which, and reports ready', async () => {
    expect(app.adapters).toEqual(['discord', 'slack']);
    expect(logs.find((l) => l.msg === 'bot started')?.adapters).toEqual(['discord', 'slack']);
    const body = await waitForStatus(200);
    expect(body.checks).toEqual({ knowledgeBase: true, accepting: true, discord: true, slack: true });
    expect((await fetch(`http://127.0.0.1:${app.healthPort}/healthz`)).status).toBe(200);
  });

  test('answers a question on each platform and logs it, with a hashed user and no token', async () => {
    const i = interactions.slash({ question: 'what is rlhf' });
    discord.sendInteraction(i);
    const cb = await callbackOf(discord, i);
    expect((((cb.json?.data as Json | undefined)?.embeds ?? []) as Json[])[0]?.title).toBe(
      'Reinforcement Learning from Human Feedback (RLHF)',
    );
    slack.sendEnvelope('slash_commands', slack.slashCommand('transformer vs rnn', { responseId: 'both-1' }));
    const reply = await slack.waitFor<ResponseCall>('response', (r) => r.id === 'both-1');
    expect(String(reply.body.text)).toBe('Transformer-based vs Recurrent (LSTM/GRU)');
    const answered = logs.filter((l) => l.msg === 'answered');
    expect(answered.map((l) => l.platform)).toEqual(expect.arrayContaining(['discord', 'slack']));
    expect(answered[0]).toMatchObject({
      intent: expect.any(String),
      topics: expect.any(Array),
      ms: expect.any(Number),
      user: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    expect(JSON.stringify(logs)).not.toContain('xoxb-');
    expect(JSON.stringify(logs)).not.toContain('xapp-');
  });

  test('logs an off-topic question as unanswered, with its text', async () => {
    slack.sendEnvelope('slash_commands', slack.slashCommand('how do I bake bread', { responseId: 'gap-1' }));
    await slack.waitFor<ResponseCall>('response', (r) => r.id === 'gap-1');
    expect(logs.find((l) => l.msg === 'unanswered')).toMatchObject({
      unanswered: 'how do I bake bread',
      platform: 'slack',
    });
  });

  test('/readyz turns unready when Discord loses its connection, and ready when it reconnects', async () => {
    discord.cfg.refuseConnections = true;
    discord.disconnect('drop');
    const down = await waitForStatus(503);
    expect((down.checks as Json).discord).toBe(false);
    discord.cfg.refuseConnections = false;
    await waitForStatus(200, 15_000);
  });

  test('/readyz turns unready when Slack loses its socket, and ready when it reconnects', async () => {
    slack.cfg.refuseSockets = true;
    slack.dropSockets();
    const down = await waitForStatus(503);
    expect((down.checks as Json).slack).toBe(false);
    slack.cfg.refuseSockets = false;
    await waitForStatus(200, 15_000);
  });
});

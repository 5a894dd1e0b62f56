import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { APP_DISCORD_TOKEN } from '../support/app-overrides.ts';
import { callbackOf, type FakeDiscord, interactions, startFakeDiscord } from '../support/fake-discord.ts';
import { type FakeSlack, type ResponseCall, startFakeSlack } from '../support/fake-slack.ts';
import { DATA_DIR } from '../support/kb.ts';
import { leakedSecrets } from '../support/secrets.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

let discord: FakeDiscord;
let slack: FakeSlack;
let child: ChildProcess | undefined;
let lines: Record<string, unknown>[];
let written: string;

beforeEach(async () => {
  discord = await startFakeDiscord();
  slack = await startFakeSlack();
  lines = [];
  written = '';
});

afterEach(async () => {
  child?.kill('SIGKILL');
  await discord.close();
  await slack.stop();
  // Everything the process logged, at debug level, holds no credential.
  expect(leakedSecrets(written, [APP_DISCORD_TOKEN])).toEqual([]);
});

async function startChild(drainMs = 0): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/app-process.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      TEST_DISCORD_API: discord.restApi,
      TEST_SLACK_API: slack.apiUrl,
      TEST_DATA_DIR: DATA_DIR,
      TEST_DRAIN_MS: String(drainMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  proc.stdout?.on('data', (d: Buffer) => {
    written += d.toString();
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as Record<string, unknown>);
  });
  child = proc;
  await waitFor(() => lines.some((l) => l.msg === 'bot started'), 'the bot to start', 15_000);
  return proc;
}

async function waitFor(check: () => boolean, what: string, timeout = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function exitCode(proc: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) resolve(proc.exitCode);
    else proc.on('exit', (code) => resolve(code));
  });
}

describe('the bot process', () => {
  test('on SIGTERM with answers in flight: delivers them, closes its connections, exits 0', async () => {
    const proc = await startChild();
    discord.cfg.callbackDelayMs = 1000;
    slack.cfg.responseDelayMs = 1000;
    const interaction = interactions.slash({ question: 'what is rlhf' });
    discord.sendInteraction(interaction);
    slack.sendEnvelope('slash_commands', slack.slashCommand('what is bert', { responseId: 'inflight-1' }));
    await waitFor(
      () => discord.heldCallbacks.length > 0 && slack.heldResponses.includes('inflight-1'),
      'both answers to be in flight',
    );
    const exited = exitCode(proc);
    proc.kill('SIGTERM');
    const cb = await callbackOf(discord, interaction, 5000);
    expect(cb.status).toBe(204);
    const reply = await slack.waitFor<ResponseCall>('response', (r) => r.id === 'inflight-1', 5000);
    expect(String(reply.body.text)).toContain('BERT');
    expect(await exited).toBe(0);
    expect(lines.find((l) => l.msg === 'stopped')).toMatchObject({ drained: true });
    await waitFor(
      () => discord.gw.sockets.size === 0 && slack.socketCount() === 0,
      'the connections to close',
    );
  });

  test('on SIGTERM: /readyz turns 503 at once, work arriving in the drain window is answered, then it exits 0', async () => {
    const proc = await startChild(1500);
    const port = Number(lines.find((l) => l.msg === 'bot started')?.healthPort);
    const readyz = async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
    expect(await readyz()).toBe(200);
    const exited = exitCode(proc);
    proc.kill('SIGTERM');
    await waitFor(() => lines.some((l) => String(l.msg).startsWith('draining')), 'the drain to start');
    expect(await readyz()).toBe(503);
    // Arriving after the signal, inside the window: answered, not dropped.
    const late = interactions.slash({ question: 'what is rlhf' });
    discord.sendInteraction(late);
    slack.sendEnvelope('slash_commands', slack.slashCommand('what is bert', { responseId: 'late-1' }));
    expect((await callbackOf(discord, late, 3000)).status).toBe(204);
    const reply = await slack.waitFor<ResponseCall>('response', (r) => r.id === 'late-1', 3000);
    expect(String(reply.body.text)).toContain('BERT');
    expect(await exited).toBe(0);
    await waitFor(
      () => discord.gw.sockets.size === 0 && slack.socketCount() === 0,
      'the connections to close',
    );
    const order = ['draining', 'connections closed', 'stopped'].map((m) =>
      lines.findIndex((l) => String(l.msg).startsWith(m)),
    );
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('a second signal exits at once, without waiting', async () => {
    const proc = await startChild();
    slack.cfg.responseDelayMs = 5000;
    slack.sendEnvelope('slash_commands', slack.slashCommand('what is bert', { responseId: 'stuck-1' }));
    await waitFor(() => slack.heldResponses.includes('stuck-1'), 'the answer to be in flight');
    const exited = exitCode(proc);
    const start = Date.now();
    proc.kill('SIGTERM');
    await waitFor(() => lines.some((l) => l.msg === 'signal received'), 'the first signal to register');
    proc.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(Date.now() - start).toBeLessThan(3000);
  });

  test('SIGHUP reloads the knowledge base', async () => {
    const proc = await startChild();
    proc.kill('SIGHUP');
    // A reload reads in a worker; under tsx a cold worker takes a second or more on a busy machine.
    await waitFor(() => lines.some((l) => l.msg === 'knowledge base reloaded'), 'the reload', 20_000);
    const i = interactions.slash({ question: 'what is rlhf' });
    discord.sendInteraction(i);
    expect((await callbackOf(discord, i)).status).toBe(204);
  });
});

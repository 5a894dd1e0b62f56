import { afterEach, describe, expect, test } from 'vitest';
import { startHealthServer } from '../../src/runtime/health.ts';
import { freePort, runTsx } from '../support/processes.ts';

/** Runs the container's health check with these settings; its exit code. */
async function healthcheck(env: Record<string, string>): Promise<number | null> {
  return (await runTsx(['src/cli/healthcheck.ts'], { env: { PATH: process.env.PATH ?? '', ...env } })).code;
}

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('the container health check', () => {
  test('is healthy when /healthz answers on HEALTH_PORT', async () => {
    const server = await startHealthServer(0, () => ({ ready: true, checks: {} }), '127.0.0.1');
    stop = server.close;
    expect(await healthcheck({ HEALTH_PORT: String(server.port) })).toBe(0);
  });

  test('fails when nothing answers, and when HEALTH_PORT is off', async () => {
    expect(await healthcheck({ HEALTH_PORT: String(await freePort()) })).toBe(1);
    expect(await healthcheck({ HEALTH_PORT: 'off' })).toBe(1);
  });
});

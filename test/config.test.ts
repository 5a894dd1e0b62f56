import { spawn } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';

const DISCORD_TOKEN = `MTEwMDAwMDAwMDAwMDAwMDAwMQ.secret-part.${'x'.repeat(38)}`;
const SECRET = 'abcdef0123456789abcdef0123456789';

function problems(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('config', () => {
  test('with no settings at all, runs the terminal mode with defaults', () => {
    expect(parseConfig({})).toEqual({
      logLevel: 'info',
      dataDir: 'data',
      healthPort: 8080,
      drainMs: 5000,
      kbLimits: { maxFileBytes: 5_000_000, maxTotalBytes: 50_000_000 },
      formulaImages: true,
    });
    expect(parseConfig({ KB_MAX_FILE_BYTES: '1000', KB_MAX_TOTAL_BYTES: '' }).kbLimits).toEqual({
      maxFileBytes: 1000,
      maxTotalBytes: 50_000_000,
    });
  });

  test('FORMULA_IMAGES turns formula pictures on (the default, blank included) or off, and nothing else', () => {
    expect(parseConfig({ FORMULA_IMAGES: '' }).formulaImages).toBe(true);
    expect(parseConfig({ FORMULA_IMAGES: 'true' }).formulaImages).toBe(true);
    expect(parseConfig({ FORMULA_IMAGES: 'false' }).formulaImages).toBe(false);
    expect(problems({ FORMULA_IMAGES: 'yes' })).toContain('- FORMULA_IMAGES must be true or false');
  });

  test('DRAIN_MS sets how long a shutdown keeps answering; blank means 5 seconds', () => {
    expect(parseConfig({ DRAIN_MS: '' }).drainMs).toBe(5000);
    expect(parseConfig({ DRAIN_MS: '250' }).drainMs).toBe(250);
    expect(problems({ DRAIN_MS: 'soon' })).toContain('- DRAIN_MS ');
  });

  test('a blank HEALTH_PORT (as .env.example has it) means the default port, and "off" turns health off', () => {
    expect(parseConfig({ HEALTH_PORT: '' }).healthPort).toBe(8080);
    expect(parseConfig({ HEALTH_PORT: '  ' }).healthPort).toBe(8080);
    expect(parseConfig({ HEALTH_PORT: '9090' }).healthPort).toBe(9090);
    expect(parseConfig({ HEALTH_PORT: 'off' })).not.toHaveProperty('healthPort');
  });

  test('reads Discord, Slack Socket Mode, Slack HTTP mode, health and logging settings', () => {
    expect(
      parseConfig({
        DISCORD_TOKEN,
        DISCORD_APPLICATION_ID: '1100000000000000001',
        DISCORD_GUILD_ID: '1200000000000000002',
        HEALTH_PORT: '8080',
        LOG_LEVEL: 'debug',
      }),
    ).toMatchObject({
      discord: { token: DISCORD_TOKEN, applicationId: '1100000000000000001', guildId: '1200000000000000002' },
      healthPort: 8080,
      logLevel: 'debug',
    });
    expect(parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack).toEqual({
      botToken: 'xoxb-1',
      mode: 'socket',
      appToken: 'xapp-1',
      welcome: false,
    });
    expect(
      parseConfig({
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: SECRET,
        PORT: '4000',
        SLACK_WELCOME: 'true',
      }).slack,
    ).toEqual({
      botToken: 'xoxb-1',
      mode: 'http',
      signingSecret: SECRET,
      port: 4000,
      welcome: true,
    });
  });

  test('names each bad or missing key, in one message, with what it should look like', () => {
    const message = problems({
      DISCORD_TOKEN, // without DISCORD_APPLICATION_ID
      DISCORD_GUILD_ID: 'not-an-id',
      SLACK_APP_TOKEN: 'xoxb-wrong-kind', // and no SLACK_BOT_TOKEN
      HEALTH_PORT: '99999',
      LOG_LEVEL: 'loud',
    });
    for (const key of [
      'DISCORD_APPLICATION_ID',
      'DISCORD_GUILD_ID',
      'SLACK_APP_TOKEN',
      'SLACK_BOT_TOKEN',
      'HEALTH_PORT',
      'LOG_LEVEL',
    ]) {
      expect(message).toContain(`- ${key} `);
    }
    expect(message).toContain('DISCORD_GUILD_ID must be a Discord id: 17 to 20 digits');
    expect(message).toContain('SLACK_APP_TOKEN must be a Slack app-level token starting with "xapp-"');
  });

  test('never echoes a secret, even a malformed one', () => {
    const badSecret = 'NOT-HEX-super-secret-value-1234567';
    const message = problems({
      DISCORD_TOKEN: 'short-secret-token',
      SLACK_BOT_TOKEN: 'xoxp-user-token-secret',
      SLACK_SIGNING_SECRET: badSecret,
    });
    expect(message).toContain('DISCORD_TOKEN');
    expect(message).toContain('SLACK_SIGNING_SECRET');
    for (const secret of ['short-secret-token', 'xoxp-user-token-secret', badSecret])
      expect(message).not.toContain(secret);
  });

  test('npm start with a bad .env stops with the message, exit code 1, and no secret in any output', async () => {
    const env = {
      ...process.env,
      DISCORD_TOKEN: 'tiny-but-secret',
      DISCORD_APPLICATION_ID: '12',
      SLACK_BOT_TOKEN: '',
      SLACK_APP_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: new URL('..', import.meta.url).pathname,
      env,
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(out).toContain('Invalid configuration');
    expect(out).toContain('DISCORD_TOKEN');
    expect(out).toContain('DISCORD_APPLICATION_ID');
    expect(out).not.toContain('tiny-but-secret');
  });
});

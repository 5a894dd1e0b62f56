import { Writable } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { canLoad, createLogger, scrubSecrets } from '../src/log.ts';

const tty = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
afterEach(() => {
  if (tty) Object.defineProperty(process.stdout, 'isTTY', tty);
  else Reflect.deleteProperty(process.stdout, 'isTTY');
});

describe('the logger', () => {
  test('on a terminal without pino-pretty (the production image), logs JSON instead of crashing', () => {
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    const asked: string[] = [];
    const logger = createLogger('info', undefined, (name) => {
      asked.push(name);
      return false;
    });
    expect(asked).toEqual(['pino-pretty']);
    expect(() => logger.info('still logging')).not.toThrow();
  });

  test('knows which modules it can load', () => {
    expect(canLoad('pino')).toBe(true);
    expect(canLoad('pino-pretty-that-is-not-installed')).toBe(false);
  });

  test('never writes a token or secret field, whatever a caller logs', () => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    createLogger('info', sink).info({ token: 'xoxb-secret', nested: { secret: 's3cret' } }, 'hello');
    expect(out).toContain('hello');
    expect(out).not.toContain('xoxb-secret');
    expect(out).not.toContain('s3cret');
  });
});

describe('credentials in log lines', () => {
  const written = (log: (logger: ReturnType<typeof createLogger>) => void) => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    log(createLogger('debug', sink));
    return out;
  };

  test('a Discord REST error keeps its route but not the interaction token', () => {
    const err = Object.assign(new Error('Unknown interaction'), {
      url: 'https://discord.com/api/v10/interactions/1300000000000000001/aW50ZXJhY3Rpb246MTMwMDAw/callback',
      method: 'POST',
    });
    const out = written((l) => l.error({ err }, 'could not reply'));
    expect(out).toContain('/interactions/1300000000000000001/[redacted]/callback');
    expect(out).not.toContain('aW50ZXJhY3Rpb246MTMwMDAw');
  });

  test("Bolt's debug text with a whole payload loses its response_url, token and bot tokens", () => {
    const payload = JSON.stringify({
      token: 'verification-token-value',
      response_url: 'https://hooks.slack.com/commands/T0TEST/123/abcdefSECRET',
      text: 'what is rlhf',
    });
    const out = written((l) => l.debug(`parsed body ${payload} with xoxb-1234-5678-abcdef`));
    for (const secret of ['verification-token-value', 'abcdefSECRET', '123/abcdef', 'xoxb-1234'])
      expect(out).not.toContain(secret);
    expect(out).toContain('what is rlhf');
  });

  test('scrubSecrets leaves ordinary text alone', () => {
    const text = 'answered "what is rlhf" in 0.3 ms for user 1a2b3c';
    expect(scrubSecrets(text)).toBe(text);
  });
});

import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { type DestinationStream, type Level, type Logger, pino } from 'pino';

export type { Logger };

/** Whether a module can be loaded here: pino-pretty is a dev dependency, absent from the production image. */
export function canLoad(name: string): boolean {
  try {
    import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
}

// A JSON key, as it appears in a log line or in JSON quoted inside one (Bolt logs whole payloads as text).
const key = (name: string) => new RegExp(`(\\\\?"${name}\\\\?"\\s*:\\s*\\\\?")[^"\\\\]+`, 'g');

/** Credentials that can ride along in what gets logged, and what each becomes. */
const SECRETS: readonly (readonly [RegExp, string])[] = [
  // Discord interaction and webhook tokens (in REST error URLs) let anyone post as the bot for 15 minutes.
  [/(\/(?:interactions|webhooks)\/\d+\/)[^/\s"'?\\]+/g, '$1[redacted]'],
  // Slack's response_url and webhook paths are bearer credentials too.
  [/(hooks\.slack\.com\/(?:commands|actions|services|workflows|triggers)\/)[^\s"'?\\]+/g, '$1[redacted]'],
  [key('response_url'), '$1[redacted]'],
  [key('token'), '$1[redacted]'],
  [key('secret'), '$1[redacted]'],
  [/\b(xox[abeoprs]|xapp)-[A-Za-z0-9-]+/g, '$1-[redacted]'],
  // A Discord bot token: three base64url parts separated by dots.
  [/\b[MNO][\w-]{23,27}\.[\w-]{6}\.[\w-]{27,40}\b/g, '[redacted]'],
];

/** A log line with every credential it may carry replaced by "[redacted]". */
export function scrubSecrets(line: string): string {
  let out = line;
  for (const [pattern, replacement] of SECRETS) out = out.replace(pattern, replacement);
  return out;
}

/** Writes through `out` only what `scrubSecrets` leaves: the last guard before anything reaches a log. */
function scrubbing(out: DestinationStream): DestinationStream {
  return { write: (line: string) => out.write(scrubSecrets(line)) };
}

type Pretty = (options: { colorize: boolean }) => DestinationStream;

/** The bot's logger: JSON lines to stdout, or a destination tests can read. */
export function createLogger(
  level: Level | 'silent' = 'info',
  destination?: DestinationStream,
  pretty: (name: string) => boolean = canLoad,
): Logger {
  const options = {
    level,
    base: { app: 'llm-taxonomy-bot' },
    // Belt and braces: whatever a caller logs by mistake, these never reach the output.
    redact: {
      paths: ['token', '*.token', 'secret', '*.secret', 'headers.authorization', 'url', '*.url'],
      // A URL keeps its shape with the credential taken out; anything else named like a secret goes whole.
      censor: (value: unknown, path: string[]) =>
        path.at(-1) === 'url' && typeof value === 'string' ? scrubSecrets(value) : '[redacted]',
    },
  };
  // People reading a terminal get colour and aligned lines; everything else gets one JSON object per line.
  const out =
    destination ??
    (process.stdout.isTTY && pretty('pino-pretty')
      ? (createRequire(import.meta.url)('pino-pretty') as Pretty)({ colorize: true })
      : pino.destination(1));
  return pino(options, scrubbing(out));
}

/** A short id a user can quote and an operator can grep for in the logs. */
export function newReference(): string {
  return randomBytes(4).toString('hex');
}

import { randomBytes } from 'node:crypto';
import { type DestinationStream, type Level, type Logger, pino } from 'pino';

export type { Logger };

/** The bot's logger: JSON lines to stdout, or a destination tests can read. */
export function createLogger(level: Level | 'silent' = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'llm-taxonomy-bot' },
    // Belt and braces: whatever a caller logs by mistake, these never reach the output.
    redact: {
      paths: ['token', '*.token', 'secret', '*.secret', 'headers.authorization'],
      censor: '[redacted]',
    },
  };
  if (destination) return pino(options, destination);
  // People reading a terminal get colour and aligned lines; everything else gets one JSON object per line.
  if (process.stdout.isTTY)
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true } } });
  return pino(options);
}

/** A short id a user can quote and an operator can grep for in the logs. */
export function newReference(): string {
  return randomBytes(4).toString('hex');
}

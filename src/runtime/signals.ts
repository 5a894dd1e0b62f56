import type { RunningApp } from '../app.ts';
import type { Logger } from '../log.ts';

/** SIGTERM/SIGINT: finish what is in flight and exit 0; a second signal exits at once. SIGHUP: reload the knowledge base. */
export function handleSignals(
  app: RunningApp,
  logger: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'signal received');
    app
      .shutdown()
      .then(() => exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: reloading the knowledge base');
    void app.kb.reload();
  });
}

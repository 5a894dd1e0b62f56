// Composition root: parse config, then run the chat adapters that have credentials, or the terminal mode.
import { createPipeline } from './adapters/pipeline.ts';
import { runTerminal } from './adapters/terminal.ts';
import { exitQuietlyOnClosedStdout } from './cli/epipe.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { KbLoadError } from './kb/errors.ts';
import { loadKnowledgeBase } from './kb/loader.ts';
import { createLogger } from './log.ts';

exitQuietlyOnClosedStdout();

async function runTerminalMode(config: Config): Promise<void> {
  const kb = await loadKnowledgeBase(config.dataDir, config.kbLimits);
  // The terminal shows its answers; the answer log would only get in their way.
  const pipeline = createPipeline({ kb: () => kb, logger: createLogger('silent'), onAnswer: () => {} });
  await runTerminal({
    pipeline,
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    // The terminal's own width when it has one; piped output gets the default.
    ...(process.stdout.columns ? { width: process.stdout.columns } : {}),
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.discord && !config.slack) {
    await runTerminalMode(config);
    return;
  }
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  // Imported here, so the terminal mode never loads the chat side (health server, watcher, adapters).
  const [{ startApp }, { handleSignals }] = await Promise.all([
    import('./app.ts'),
    import('./runtime/signals.ts'),
  ]);
  const app = await startApp(config, logger);
  handleSignals(app, logger);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof KbLoadError) console.error(err.message);
  else console.error(err instanceof Error ? `Could not start: ${err.message}` : err);
  process.exitCode = 1;
});

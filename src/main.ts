// Composition root: parse config, load the knowledge base, start what has credentials (else the terminal).
import { startDiscord } from './adapters/discord/client.ts';
import { createSlackBot } from './adapters/slack/app.ts';
import { runTerminal } from './adapters/terminal.ts';
import { exitQuietlyOnClosedStdout } from './cli/epipe.ts';
import { ConfigError, loadConfig } from './config.ts';
import { KbLoadError } from './kb/errors.ts';
import { loadKnowledgeBase } from './kb/loader.ts';
import { createLogger } from './log.ts';
import { logAnswer } from './observe.ts';

exitQuietlyOnClosedStdout();

async function main(): Promise<void> {
  const config = loadConfig();
  const kb = await loadKnowledgeBase(config.dataDir);
  if (!config.discord && !config.slack) {
    await runTerminal({
      kb: () => kb,
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    });
    return;
  }
  const logger = createLogger(config.logLevel);
  const deps = { kb: () => kb, logger, onAnswer: logAnswer(logger) };
  const started: string[] = [];
  if (config.discord) {
    await startDiscord(config.discord.token, deps);
    started.push('discord');
  }
  if (config.slack) {
    await createSlackBot(config.slack, deps).start();
    started.push(`slack (${config.slack.mode})`);
  }
  logger.info({ adapters: started }, 'bot started');
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof KbLoadError) console.error(err.message);
  else console.error(err);
  process.exitCode = 1;
});

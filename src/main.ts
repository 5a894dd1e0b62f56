// Composition root: parse config, load the knowledge base, start what has credentials (else the terminal).

import { runTerminal } from './adapters/terminal.ts';
import { exitQuietlyOnClosedStdout } from './cli/epipe.ts';
import { ConfigError, loadConfig } from './config.ts';
import { KbLoadError } from './kb/errors.ts';
import { loadKnowledgeBase } from './kb/loader.ts';

exitQuietlyOnClosedStdout();

async function main(): Promise<void> {
  const config = loadConfig();
  const kb = await loadKnowledgeBase(config.dataDir);
  await runTerminal({
    kb: () => kb,
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  });
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof KbLoadError) console.error(err.message);
  else console.error(err);
  process.exitCode = 1;
});

// Validates data/ and prints a summary; on a broken knowledge base prints every problem and exits 1.
import { loadKnowledgeBase } from '../kb/loader.ts';
import { summarizeKnowledgeBase } from '../kb/summary.ts';
import { folderFromCommandLine, runTool, type Tool } from './args.ts';

const TOOL: Tool = {
  command: 'npm run kb:check --',
  usage: `Usage: npm run kb:check -- [DIR | --data DIR]

Validates the knowledge base in DIR (default: data) and prints a summary of it. When it has problems,
prints every one, with its file and line, to standard error.

Options:
  --data DIR    the knowledge base folder (the same as giving DIR alone)
  -h, --help    print this help and exit

Exit codes: 0 valid, 1 the folder is missing or the knowledge base has problems,
2 wrong usage (an unknown option, two folders).`,
};

async function main(argv: string[]): Promise<void> {
  const dir = folderFromCommandLine(TOOL, argv);
  if (dir === undefined) return;
  console.log(summarizeKnowledgeBase(await loadKnowledgeBase(dir)));
}

await runTool(TOOL, () => main(process.argv.slice(2)));

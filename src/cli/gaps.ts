// `npm run gaps -- LOGFILE [--top N]`: the most-asked questions the bot could not answer, from its JSON logs.
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { summarizeGaps } from '../runtime/gaps.ts';
import { cliMessages, parseCommandLine, runTool, type Tool, ToolError, usageError } from './args.ts';

const TOOL: Tool = {
  command: 'npm run gaps --',
  usage: `Usage: npm run gaps -- LOGFILE [--top N]

Lists the questions the bot could not answer, most asked first, counted from LOGFILE: the bot's
JSON log ("-" reads standard input).

Options:
  --top N       list at most N questions (default: 20)
  -h, --help    print this help and exit

Exit codes: 0 listed, 1 LOGFILE is missing or cannot be read,
2 wrong usage (an unknown option, no LOGFILE, --top not a whole number of 1 or more).`,
};

/** Why LOGFILE cannot be read, in one line; the stream's own error covers the rarer cases. */
function checkLogFile(file: string): void {
  let isFolder: boolean;
  try {
    isFolder = statSync(file).isDirectory();
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT')
      throw new ToolError(`no log file at "${file}"`);
    return;
  }
  if (isFolder) throw new ToolError(`"${file}" is a folder, not a log file`);
}

async function main(argv: string[]): Promise<void> {
  const cli = parseCommandLine(TOOL, {
    args: argv,
    options: { top: { type: 'string', default: '20' } },
    allowPositionals: true,
  });
  if (cli === undefined) return;
  const [file, ...extra] = cli.positionals;
  if (file === undefined) throw usageError('missing LOGFILE, the log to read');
  if (extra.length > 0) throw usageError(cliMessages.tooManyArguments(extra));
  const top = Number(cli.values.top);
  if (!Number.isInteger(top) || top < 1)
    throw usageError(`--top must be a whole number of 1 or more, not "${cli.values.top}"`);
  if (file !== '-') checkLogFile(file);
  const input = file === '-' ? process.stdin : createReadStream(file);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    console.log(await summarizeGaps(lines, top));
  } catch (err) {
    // A read error reaches here through readline; anything else is a bug and keeps its stack.
    if (!(err instanceof Error && 'syscall' in err)) throw err;
    throw new ToolError(`Cannot read ${file}: ${err.message}`);
  }
}

await runTool(TOOL, () => main(process.argv.slice(2)));

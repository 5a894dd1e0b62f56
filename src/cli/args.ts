// What every command-line tool shares: -h/--help, usage errors, one-line failures and their exit codes.
import { statSync } from 'node:fs';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { KbLoadError } from '../kb/errors.ts';

/** The exit codes of every tool, as their usage texts state them. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A tool: how it is run (for pointing at its help) and its help text. */
export type Tool = { command: string; usage: string };

/** A failure the person running the tool can fix from one line of text; no stack trace is shown. */
export class ToolError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT.failed) {
    super(message);
    this.name = 'ToolError';
    this.exitCode = exitCode;
  }
}

/** The command line was wrong (an unknown option, a missing value): exit code 2. */
export function usageError(message: string): ToolError {
  return new ToolError(message, EXIT.usage);
}

export const cliMessages = {
  seeHelp: (command: string) => `Run "${command} --help" for usage.`,
  noFolder: (dir: string) => `no knowledge base folder at "${dir}" (choose one with --data DIR)`,
  notAFolder: (dir: string) => `"${dir}" is a file, not a knowledge base folder (choose one with --data DIR)`,
  unreadableFolder: (dir: string, reason: string) =>
    `cannot open the knowledge base folder "${dir}": ${reason}`,
  tooManyArguments: (extra: readonly string[]) =>
    `unexpected argument${extra.length === 1 ? '' : 's'} ${extra.map((a) => `"${a}"`).join(', ')}`,
  twoFolders: (positional: string, flag: string) =>
    `two folders given, "${positional}" and --data "${flag}"; give one`,
} as const;

/**
 * Node's parseArgs, strict; undefined when -h or --help came before any "--" (the usage is printed to
 * stdout). Throws a usage error naming an unknown option or a missing value.
 */
export function parseCommandLine<T extends ParseArgsConfig & { args: string[] }>(
  tool: Tool,
  config: T,
): ReturnType<typeof parseArgs<T>> | undefined {
  const end = config.args.indexOf('--');
  const options = end < 0 ? config.args : config.args.slice(0, end);
  if (options.some((a) => a === '-h' || a === '--help')) {
    console.log(tool.usage);
    return undefined;
  }
  try {
    return parseArgs(config);
  } catch (err) {
    throw usageError(err instanceof Error ? err.message : String(err));
  }
}

/** The one folder named by a DIR argument or --data DIR (default "data"). */
export function folderArgument(positionals: readonly string[], flag: string | undefined): string {
  const [dir, ...extra] = positionals;
  if (extra.length > 0) throw usageError(cliMessages.tooManyArguments(extra));
  if (dir !== undefined && flag !== undefined && dir !== flag)
    throw usageError(cliMessages.twoFolders(dir, flag));
  return dir ?? flag ?? 'data';
}

/** Throws a one-line ToolError unless `dir` is a folder: the loader's own report of it is a list of problems. */
export function requireFolder(dir: string): void {
  try {
    if (statSync(dir).isDirectory()) return;
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? err.code : undefined;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ToolError(cliMessages.noFolder(dir));
    throw new ToolError(cliMessages.unreadableFolder(dir, err instanceof Error ? err.message : String(err)));
  }
  throw new ToolError(cliMessages.notAFolder(dir));
}

/**
 * Runs a tool's main and turns the failures people can fix into a message and an exit code: a usage
 * error (2, with a pointer to --help), a one-line failure or a broken knowledge base (1). Anything else
 * is a bug, and keeps its stack trace.
 */
export async function runTool(tool: Tool, main: () => Promise<void> | void): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof ToolError) {
      const hint = err.exitCode === EXIT.usage ? `\n${cliMessages.seeHelp(tool.command)}` : '';
      console.error(`${err.message}${hint}`);
      process.exitCode = err.exitCode;
      return;
    }
    if (!(err instanceof KbLoadError)) throw err;
    console.error(err.message);
    process.exitCode = EXIT.failed;
  }
}

/** The knowledge base folder a DIR-taking tool was pointed at (DIR or --data DIR), checked to exist. */
export function folderFromCommandLine(tool: Tool, argv: string[]): string | undefined {
  const cli = parseCommandLine(tool, {
    args: argv,
    options: { data: { type: 'string' } },
    allowPositionals: true,
  });
  if (cli === undefined) return undefined;
  const dir = folderArgument(cli.positionals, cli.values.data);
  requireFolder(dir);
  return dir;
}

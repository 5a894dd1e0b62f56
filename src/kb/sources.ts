import { readdirSync, readFileSync, type Stats, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { KbLoadError, type KbProblem, kbMessages } from './errors.ts';

/** One YAML file's text, named as errors should name it. */
export type KbSource = { file: string; text: string };

/** How large the knowledge base's files may be: a file far larger than data/ would stall every load. */
export type KbLimits = {
  /** The largest a single `.yaml` file may be, in bytes. */
  maxFileBytes: number;
  /** The largest all `.yaml` files of the folder may be together, in bytes. */
  maxTotalBytes: number;
};

/** Options of the load functions; a limit left out takes its default. */
export type KbLoadOptions = Partial<KbLimits>;

// data/ is about 110 kB; a 17 MB file (100,000 entries) is what these stop.
export const DEFAULT_KB_LIMITS: Readonly<KbLimits> = { maxFileBytes: 5_000_000, maxTotalBytes: 50_000_000 };

/** A folder's files read as text, with the problems met reading them (the files are parsed even so). */
export type ReadSources = { sources: KbSource[]; problems: KbProblem[] };

type Found = { file: string; path: string };

// Problems of one kind reported per file; past this a file is plainly saved wrong and one more line says so.
const MAX_LINES_REPORTED = 5;

function limitsOf(options: KbLoadOptions = {}): KbLimits {
  return { ...DEFAULT_KB_LIMITS, ...options };
}

/** Reads every `*.yaml` of `dir`; throws KbLoadError when the folder cannot be listed or a limit is exceeded. */
export function readSourcesSync(dir: string, options: KbLoadOptions = {}): ReadSources {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    throw folderError(dir, err);
  }
  const problems: KbProblem[] = [];
  const stats = yamlFiles(dir, names).map((f) => [f, attempt(() => statSync(f.path))] as const);
  const read = checkFiles(dir, stats, limitsOf(options), problems).map(
    (f) => [f, attempt(() => readFileSync(f.path))] as const,
  );
  return { sources: decodeAll(read, problems), problems };
}

/** The same, reading with the event loop free in between. */
export async function readSources(dir: string, options: KbLoadOptions = {}): Promise<ReadSources> {
  const names = await readdir(dir).catch((err: unknown) => {
    throw folderError(dir, err);
  });
  const problems: KbProblem[] = [];
  const stats = await Promise.all(
    yamlFiles(dir, names).map(async (f) => [f, await stat(f.path).catch(asError)] as const),
  );
  const read = await Promise.all(
    checkFiles(dir, stats, limitsOf(options), problems).map(
      async (f) => [f, await readFile(f.path).catch(asError)] as const,
    ),
  );
  return { sources: decodeAll(read, problems), problems };
}

function folderError(dir: string, err: unknown): KbLoadError {
  return new KbLoadError([{ file: dir, message: kbMessages.unreadableFolder(reasonOf(err)) }]);
}

function attempt<T>(io: () => T): T | Error {
  try {
    return io();
  } catch (err) {
    return asError(err);
  }
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

function decodeAll(
  read: readonly (readonly [Found, Uint8Array | Error])[],
  problems: KbProblem[],
): KbSource[] {
  return read.flatMap(([f, bytes]) => {
    if (!(bytes instanceof Error)) return [decodeSource(f.file, bytes, problems)];
    problems.push({ file: f.file, message: kbMessages.unreadableFile(reasonOf(bytes)) });
    return [];
  });
}

const FS_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'it does not exist (was it moved or deleted?)',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'it is not a folder',
};

/** Why a file system call failed, in words; the error code is kept for searching. */
function reasonOf(err: unknown): string {
  const code = err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : '';
  const said = FS_REASONS[code];
  if (said !== undefined) return `${said} (${code})`;
  return err instanceof Error ? err.message : String(err);
}

function yamlFiles(dir: string, names: readonly string[]): Found[] {
  const yaml = names.filter((n) => n.endsWith('.yaml')).sort();
  if (yaml.length === 0) throw new KbLoadError([{ file: dir, message: kbMessages.noFiles(dir) }]);
  return yaml.map((n) => ({ file: displayPath(join(dir, n)), path: join(dir, n) }));
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/**
 * The files that can be read: a folder or an unreadable name is a problem and is skipped; a file over a limit
 * stops the load before anything is read, since reading it is what the limit is there to prevent.
 */
function checkFiles(
  dir: string,
  stats: readonly (readonly [Found, Stats | Error])[],
  limits: KbLimits,
  problems: KbProblem[],
): Found[] {
  const readable: Found[] = [];
  const tooLarge: KbProblem[] = [];
  let total = 0;
  for (const [f, s] of stats) {
    if (s instanceof Error) problems.push({ file: f.file, message: kbMessages.unreadableFile(reasonOf(s)) });
    else if (!s.isFile()) problems.push({ file: f.file, message: kbMessages.notAFile(s.isDirectory()) });
    else {
      total += s.size;
      if (s.size > limits.maxFileBytes)
        tooLarge.push({ file: f.file, message: kbMessages.fileTooLarge(s.size, limits.maxFileBytes) });
      readable.push(f);
    }
  }
  if (total > limits.maxTotalBytes)
    tooLarge.push({ file: dir, message: kbMessages.totalTooLarge(total, limits.maxTotalBytes) });
  if (tooLarge.length > 0) throw new KbLoadError([...problems, ...tooLarge]);
  return readable;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** A file's bytes as text; bytes that are not UTF-8 are reported by line and read as U+FFFD, so parsing goes on. */
function decodeSource(file: string, bytes: Uint8Array, problems: KbProblem[]): KbSource {
  try {
    return { file, text: utf8.decode(bytes) };
  } catch {
    // Fall through: find the lines, then read the rest so its other problems are reported too.
  }
  const lines = badUtf8Lines(bytes);
  for (const line of lines.slice(0, MAX_LINES_REPORTED))
    problems.push({ file, line, message: kbMessages.notUtf8() });
  if (lines.length > MAX_LINES_REPORTED)
    problems.push({ file, message: kbMessages.moreLines(lines.length - MAX_LINES_REPORTED, 'not UTF-8') });
  return { file, text: lenientUtf8.decode(bytes) };
}

/** Lines (from 1) that are not valid UTF-8; a newline byte is never part of a longer UTF-8 sequence. */
function badUtf8Lines(bytes: Uint8Array): number[] {
  const bad: number[] = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    try {
      utf8.decode(bytes.subarray(start, i));
    } catch {
      bad.push(line);
    }
    start = i + 1;
    line++;
  }
  return bad;
}

// Control characters (NUL, escape, DEL, C1...) other than tab, newline and carriage return.
const CONTROL = /[^\P{Cc}\t\n\r]/u;
const CONTROLS = /[^\P{Cc}\t\n\r]/gu;

/**
 * Text with its control characters reported by line and replaced by U+FFFD: invisible in an editor, they would
 * end up in answers (and js-yaml takes a NUL for the end of the file).
 */
export function withoutControlCharacters(file: string, text: string, problems: KbProblem[]): string {
  if (!CONTROL.test(text)) return text;
  const found: KbProblem[] = [];
  text.split('\n').forEach((line, i) => {
    const at = line.search(CONTROL);
    if (at < 0) return;
    const code = line.codePointAt(at) ?? 0;
    found.push({ file, line: i + 1, message: kbMessages.controlCharacter(code, at + 1) });
  });
  problems.push(...found.slice(0, MAX_LINES_REPORTED));
  if (found.length > MAX_LINES_REPORTED)
    problems.push({
      file,
      message: kbMessages.moreLines(found.length - MAX_LINES_REPORTED, 'with control characters'),
    });
  return text.replace(CONTROLS, '\uFFFD');
}

import { createRequire } from 'node:module';
import { CORE_SCHEMA, load as loadYaml, YAMLException } from 'js-yaml';
import type { CST, Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { KbLoadError, type KbProblem, kbMessages } from './errors.ts';
import { indexEntries, type KnowledgeBase } from './graph.ts';
import { nameKeys } from './normalize.ts';
import {
  type Entry,
  type EntryKind,
  EntrySchema,
  groupOf,
  KbFileShapeSchema,
  type Meta,
  slugOf,
} from './schema.ts';
import {
  type KbLoadOptions,
  type KbSource,
  readSources,
  readSourcesSync,
  withoutControlCharacters,
} from './sources.ts';

export { DEFAULT_KB_LIMITS, type KbLimits, type KbLoadOptions, type KbSource } from './sources.ts';

// The detailed parser (it knows lines) is needed only when a file has a problem: loaded then, it costs no start-up.
type DetailedYaml = typeof import('yaml');
let detailedYaml: DetailedYaml | undefined;
function detailed(): DetailedYaml {
  detailedYaml ??= createRequire(import.meta.url)('yaml') as DetailedYaml;
  return detailedYaml;
}

type Located = { file: string; entry: Entry; index: number };
/** The line a path into a file's YAML starts on (the deepest part of it that exists). */
type Locate = (path: readonly (string | number)[]) => number | undefined;

type ParsedFile = {
  file: string;
  locate: Locate;
  meta?: Meta;
  entries: Entry[];
  /** Ids of every entry written, valid or not, so a broken entry is not also reported as unknown. */
  rawIds: string[];
};

// The groups of the fixed kinds; a category's group is its dimension's slug, read from the data.
const FIXED_GROUPS: Partial<Record<EntryKind, string>> = {
  root: 'taxonomy',
  dimension: 'dimension',
  concept: 'concept',
  model: 'model',
};

/** Validated entries and the one meta block: what the index is built from, and all a worker has to send. */
export type ValidKnowledgeBase = { meta: Meta; entries: Entry[] };

/**
 * Reads every `*.yaml` in `dir`, validates it and builds the lookup indexes; throws KbLoadError listing every
 * problem. Files over `options.maxFileBytes` or together over `options.maxTotalBytes` are not read at all.
 */
export async function loadKnowledgeBase(dir: string, options: KbLoadOptions = {}): Promise<KnowledgeBase> {
  const { sources, problems } = await readSources(dir, options);
  return buildKnowledgeBase(sources, problems);
}

/**
 * The same, without yielding to the event loop: start-up loads the knowledge base while the chat clients
 * connect, and no event can reach a handler before this returns.
 */
export function loadKnowledgeBaseSync(dir: string, options: KbLoadOptions = {}): KnowledgeBase {
  const { sources, problems } = readSourcesSync(dir, options);
  return buildKnowledgeBase(sources, problems);
}

/** Reads and validates `dir` without indexing it: the slow part of a reload, done in a worker. */
export function validateDirectorySync(dir: string, options: KbLoadOptions = {}): ValidKnowledgeBase {
  const { sources, problems } = readSourcesSync(dir, options);
  const { meta, entries } = validateSources(sources, problems);
  return { meta, entries };
}

/**
 * Validates YAML sources and builds the knowledge base; pure, so tests and benchmarks can feed it text.
 * `known` are problems already found reading the files, reported with the rest.
 */
export function buildKnowledgeBase(
  sources: readonly KbSource[],
  known: readonly KbProblem[] = [],
): KnowledgeBase {
  const { meta, entries, keyOf } = validateSources(sources, known);
  return indexEntries(meta, entries, keyOf);
}

function validateSources(
  sources: readonly KbSource[],
  known: readonly KbProblem[],
): ValidKnowledgeBase & { keyOf: (name: string) => string } {
  const problems: KbProblem[] = [...known];
  const read = sources.map((s) => parseSource(s, problems));
  const parsed = read.flatMap((r) => (r === SYNTAX_ERROR ? [] : r));
  const keyOf = nameKeys();
  // A file that does not parse hides its entries: checks across files would report each of them as missing.
  if (!read.includes(SYNTAX_ERROR)) checkCrossReferences(parsed, problems, keyOf);
  if (problems.length > 0) throw new KbLoadError(problems);
  const metas = parsed.flatMap((p) => (p.meta ? [p.meta] : []));
  const [meta] = metas;
  if (meta === undefined) throw new KbLoadError([{ file: 'data/', message: kbMessages.metaCount(0) }]);
  return { meta, entries: parsed.flatMap((p) => p.entries), keyOf };
}

export type { KnowledgeBase };

/** What parseSource returns for a file that is not valid YAML: its one problem is already reported. */
const SYNTAX_ERROR = 'syntax error';

function parseSource(source: KbSource, problems: KbProblem[]): ParsedFile[] | typeof SYNTAX_ERROR {
  const { file } = source;
  const text = withoutControlCharacters(file, source.text, problems);
  if (onlyComments(text)) {
    problems.push({ file, message: kbMessages.emptyFile() });
    return [];
  }
  const read = readYaml(file, text, problems);
  if (read === SYNTAX_ERROR) return SYNTAX_ERROR;
  if (read === undefined) return [];
  const { raw, locate } = read;
  if (raw === null || raw === undefined) {
    problems.push({ file, message: kbMessages.emptyFile() });
    return [];
  }
  const shape = KbFileShapeSchema.safeParse(raw);
  if (!shape.success) {
    for (const issue of shape.error.issues) problems.push(zodProblem(file, locate, raw, issue));
    return [];
  }
  const out: ParsedFile = { file, locate, entries: [], rawIds: [] };
  if (shape.data.meta) out.meta = shape.data.meta;
  shape.data.entries.forEach((rawEntry, index) => {
    // Each entry is checked alone, so one bad entry does not hide the others or cascade into "unknown id".
    const result = EntrySchema.safeParse(rawEntry);
    if (result.success) out.entries.push(result.data);
    else for (const issue of result.error.issues) problems.push(zodProblem(file, locate, raw, issue, index));
    const id = entryIdAt(raw, index);
    if (id !== undefined) out.rawIds.push(id);
  });
  if (shape.data.entries.length === 0 && shape.data.meta === undefined) {
    problems.push({ file, message: kbMessages.emptyFile() });
    return [];
  }
  return [out];
}

// A line that is neither blank nor a comment; a repeated group over the whole file overflowed the stack at 5 MB.
const CONTENT_LINE = /^[^\S\n]*[^\s#]/m;

function onlyComments(text: string): boolean {
  return !CONTENT_LINE.test(text);
}

/**
 * A file's content and a way to find lines in it. js-yaml reads a large file several times faster; the
 * detailed parser, which knows lines, runs only when js-yaml fails or a problem needs its line.
 */
function readYaml(
  file: string,
  text: string,
  problems: KbProblem[],
): { raw: unknown; locate: Locate } | typeof SYNTAX_ERROR | undefined {
  let quickError: unknown;
  try {
    const raw = quickLoad(file, text);
    let located: Locate | undefined;
    const locate: Locate = (path) => {
      if (!located) {
        const { LineCounter, parseDocument } = detailed();
        const lines = new LineCounter();
        const doc = parseDocument(text, { lineCounter: lines });
        located = (at) => lineOf(doc, lines, at);
      }
      return located(path);
    };
    return { raw, locate };
  } catch (err) {
    // Fall through: the detailed parser finds unclosed quotes and brackets, and anchors.
    quickError = err;
  }
  try {
    return readDetailed(file, text, problems, quickError);
  } catch (err) {
    // Anything else a parser throws (a stack overflow on absurd nesting) is still a problem of this file.
    problems.push({
      file,
      message: kbMessages.unreadableYaml(err instanceof Error ? err.message : String(err)),
    });
    return undefined;
  }
}

// Thrown by js-yaml's listener at the first anchor, so that the detailed parser reports it with its line.
const ANCHOR_FOUND = new Error('a YAML anchor');

function quickLoad(file: string, text: string): unknown {
  // Aliases can blow a small file up ("billion laughs") and data/ uses none; without "&" there is no anchor.
  if (!text.includes('&')) return loadYaml(text, { schema: CORE_SCHEMA, filename: file });
  return loadYaml(text, {
    schema: CORE_SCHEMA,
    filename: file,
    listener: (event, state) => {
      if (event === 'close' && 'anchor' in state && state.anchor !== null) throw ANCHOR_FOUND;
    },
  });
}

function readDetailed(
  file: string,
  text: string,
  problems: KbProblem[],
  quickError: unknown,
): { raw: unknown; locate: Locate } | typeof SYNTAX_ERROR | undefined {
  const { LineCounter, parseDocument } = detailed();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [firstError] = doc.errors;
  if (firstError !== undefined) {
    // Only the first error: the parser's later ones follow from it.
    const { offset, message } = firstSyntaxError(text, quickError, firstError);
    problems.push(syntaxProblem(file, text, offset, message));
    return SYNTAX_ERROR;
  }
  // Checked before toJS, which is where aliases would be expanded.
  const anchors = anchorsOf(doc);
  if (anchors.length > 0) {
    const start = anchors[0];
    const line = start === undefined ? undefined : lines.linePos(start).line;
    problems.push({
      file,
      ...(line === undefined ? {} : { line }),
      message: kbMessages.anchors(anchors.length),
    });
    return undefined;
  }
  return { raw: doc.toJS(), locate: (path) => lineOf(doc, lines, path) };
}

type SyntaxSpot = { offset: number; message: string };

/**
 * A file's first syntax error. Parsers notice an unclosed quote or bracket lines later, so it is found
 * where it opened; otherwise js-yaml's error (it stops where reading did), else the detailed parser's.
 */
function firstSyntaxError(
  text: string,
  quickError: unknown,
  detailedError: { pos: [number, number]; message: string },
): SyntaxSpot {
  const quick = quickError instanceof YAMLException ? quickError : undefined;
  // js-yaml drops a leading byte order mark before counting.
  const quickOffset = quick && quick.mark.position + (text.startsWith('\uFEFF') ? 1 : 0);
  const unclosed = firstUnclosed(text);
  if (unclosed && (quickOffset === undefined || unclosed.opened <= quickOffset)) return unclosed;
  if (quick && quickOffset !== undefined)
    return { offset: quickOffset, message: kbMessages.yamlSyntax(quick.reason) };
  return { offset: detailedError.pos[0], message: kbMessages.yamlSyntax(detailedError.message) };
}

type Unclosed = SyntaxSpot & { opened: number };

/** The first quote or bracket never closed, innermost first: a quote left open swallows the brackets after it. */
function firstUnclosed(text: string): Unclosed | undefined {
  for (const token of new (detailed().Parser)().parse(text)) {
    const found = unclosedIn(token);
    if (found) return found;
  }
  return undefined;
}

function unclosedIn(token: CST.Token | null | undefined): Unclosed | undefined {
  if (!token) return undefined;
  if (token.type === 'document') return unclosedIn(token.value);
  if (token.type === 'block-map' || token.type === 'block-seq') return unclosedInItems(token.items);
  if (token.type === 'flow-collection') return unclosedInItems(token.items) ?? unclosedFlow(token);
  if (token.type === 'single-quoted-scalar' || token.type === 'double-quoted-scalar')
    return unclosedQuote(token);
  return undefined;
}

function unclosedInItems(items: readonly CST.CollectionItem[]): Unclosed | undefined {
  for (const item of items) {
    const found = unclosedIn(item.key) ?? unclosedIn(item.value);
    if (found) return found;
  }
  return undefined;
}

function unclosedFlow(token: CST.FlowCollection): Unclosed | undefined {
  const open = token.start.source;
  const close = open === '[' ? ']' : '}';
  if (token.end.some((t) => t.source === close)) return undefined;
  // The closing bracket belongs right after the last thing written in it.
  return {
    opened: token.offset,
    offset: contentEnd(token),
    message: kbMessages.unclosedBracket(open, close),
  };
}

function unclosedQuote(token: CST.FlowScalar): Unclosed | undefined {
  const quote = token.source.charAt(0);
  const body = token.source.slice(1);
  // Inside '…' a quote is escaped by doubling it, inside "…" by a backslash.
  const escaper = quote === "'" ? "'" : '\\';
  if (body.endsWith(quote) && runBefore(body, body.length - 1, escaper) % 2 === 0) return undefined;
  return { opened: token.offset, offset: token.offset, message: kbMessages.unclosedQuote(quote) };
}

/** How many `char` come right before index `end` of `text`. */
function runBefore(text: string, end: number, char: string): number {
  let start = end;
  while (start > 0 && text[start - 1] === char) start--;
  return end - start;
}

/** Where a token's written content ends: past its closing bracket, or past its last item when there is none. */
function contentEnd(token: CST.Token): number {
  if (token.type !== 'flow-collection') return token.offset + ('source' in token ? token.source.length : 0);
  const close = token.end.find((t) => t.type === 'flow-seq-end' || t.type === 'flow-map-end');
  if (close) return close.offset + 1;
  const ends = token.items.flatMap((item) => [
    ...[...item.start, ...(item.sep ?? [])]
      .filter((t) => t.type !== 'space' && t.type !== 'newline' && t.type !== 'comment')
      .map((t) => t.offset + t.source.length),
    ...[item.key, item.value].flatMap((t) => (t ? [contentEnd(t)] : [])),
  ]);
  return Math.max(token.start.offset + 1, ...ends);
}

// Characters of a line shown around the error: data/ has lines of over 200.
const EXCERPT_WIDTH = 80;

/** The problem for a syntax error at `offset`: its line and column, and that line with a caret under it. */
function syntaxProblem(file: string, text: string, offset: number, message: string): KbProblem {
  const at = Math.min(Math.max(offset, 0), text.length);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const source = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
  const line = text.slice(0, lineStart).split('\n').length;
  const column = at - lineStart + 1;
  return { file, line, column, message, excerpt: excerptOf(source, line, column) };
}

/** `  3 |   aliases: [GPT` over `    |                ^`: the line, shortened around the column when long. */
function excerptOf(source: string, line: number, column: number): string {
  const start =
    source.length <= EXCERPT_WIDTH
      ? 0
      : Math.max(0, Math.min(column - 1 - EXCERPT_WIDTH / 2, source.length - EXCERPT_WIDTH));
  const head = start > 0 ? '…' : '';
  const tail = start + EXCERPT_WIDTH < source.length ? '…' : '';
  const shown = `${head}${source.slice(start, start + EXCERPT_WIDTH)}${tail}`;
  // Tabs are kept so that the caret lines up with the text whatever the tab width.
  const pad = `${head}${source.slice(start, column - 1)}`.replace(/[^\t]/g, ' ');
  const gutter = String(line).padStart(3);
  return `${gutter} | ${shown}\n${' '.repeat(gutter.length)} | ${pad}^`;
}

/** Where the document's anchors and aliases start, in order. */
function anchorsOf(doc: Document): number[] {
  const { isAlias, visit } = detailed();
  const starts: number[] = [];
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node) || node.anchor !== undefined) starts.push(node.range?.[0] ?? 0);
    },
  });
  return starts.sort((a, b) => a - b);
}

function zodProblem(
  file: string,
  locate: Locate,
  raw: unknown,
  issue: z.core.$ZodIssue,
  entryIndex?: number,
): KbProblem {
  const inner = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const path = entryIndex === undefined ? inner : ['entries', entryIndex, ...inner];
  const problem: KbProblem = { file, message: describeIssue(issue) };
  if (path[0] === 'entries' && typeof path[1] === 'number') {
    const id = entryIdAt(raw, path[1]);
    problem.entry = id ?? `#${path[1] + 1} (no id)`;
    problem.field = formatPath(path.slice(2));
  } else {
    problem.field = formatPath(path);
  }
  const line = locate(path);
  if (line !== undefined) problem.line = line;
  return problem;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const got = issue.message.match(/received (\w+)/)?.[1];
    if (got === 'undefined') return `missing; expected ${issue.expected}`;
    return `wrong type: expected ${issue.expected}${got ? `, got ${got}` : ''}`;
  }
  if (issue.code === 'invalid_union') return 'does not match any allowed shape; check "kind" and its fields';
  if (issue.code === 'unrecognized_keys')
    return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

function entryIdAt(raw: unknown, index: number): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('entries' in raw)) return undefined;
  const entries = raw.entries;
  if (!Array.isArray(entries)) return undefined;
  const entry: unknown = entries[index];
  if (typeof entry !== 'object' || entry === null || !('id' in entry)) return undefined;
  return typeof entry.id === 'string' ? entry.id : undefined;
}

function formatPath(path: readonly (string | number)[]): string {
  return path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      return i === 0 ? p : `.${p}`;
    })
    .join('');
}

function lineOf(doc: Document, lines: LineCounter, path: readonly (string | number)[]): number | undefined {
  // The deepest node that exists along the path: a missing field points at its entry.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      const start = node.range[0];
      if (typeof start === 'number') return lines.linePos(start).line;
    }
  }
  return undefined;
}

function entryLine(p: ParsedFile, index: number, field?: readonly (string | number)[]): number | undefined {
  return p.locate(['entries', index, ...(field ?? [])]);
}

function checkCrossReferences(
  files: readonly ParsedFile[],
  problems: KbProblem[],
  keyOf: (name: string) => string,
): void {
  const located: Located[] = files.flatMap((f) =>
    f.entries.map((entry, index) => ({ file: f.file, entry, index })),
  );
  const fileOf = new Map(files.map((f) => [f.file, f]));
  const report = (loc: Located, field: readonly (string | number)[], message: string) => {
    const f = fileOf.get(loc.file);
    const line = f ? entryLine(f, loc.index, field) : undefined;
    problems.push({
      file: loc.file,
      ...(line === undefined ? {} : { line }),
      entry: loc.entry.id,
      field: formatPath(field),
      message,
    });
  };

  checkMeta(files, problems);

  const byId = new Map<string, Located>();
  const dimensionSlugs = located.flatMap((l) => (l.entry.kind === 'dimension' ? [slugOf(l.entry.id)] : []));
  for (const loc of located) {
    const prev = byId.get(loc.entry.id);
    if (prev) report(loc, ['id'], kbMessages.duplicateId(prev.file));
    else byId.set(loc.entry.id, loc);
    const fixed = FIXED_GROUPS[loc.entry.kind];
    const groups = fixed === undefined ? dimensionSlugs : [fixed];
    if (!groups.includes(groupOf(loc.entry.id))) {
      report(
        loc,
        ['id'],
        kbMessages.kindGroupMismatch(loc.entry.kind, groups.map((g) => `${g}/`).join(' or ')),
      );
    }
  }
  // A second root is reported where it is written, not against whichever file comes first.
  const [root, ...extraRoots] = located.filter((l) => l.entry.kind === 'root');
  if (root === undefined)
    problems.push({ file: files[0]?.file ?? 'data/', message: kbMessages.rootCount(0) });
  else for (const r of extraRoots) report(r, ['kind'], kbMessages.extraRoot(root.file));

  checkNames(located, report, keyOf);

  const written = new Set(files.flatMap((f) => f.rawIds));
  const refs = (
    loc: Located,
    field: readonly (string | number)[],
    ids: readonly string[],
    group?: string,
  ) => {
    ids.forEach((id, i) => {
      const at = [...field, i];
      if (!byId.has(id)) {
        if (!written.has(id)) report(loc, at, kbMessages.unknownId(id));
      } else if (group !== undefined && groupOf(id) !== group)
        report(loc, at, kbMessages.wrongGroup(id, `${group}/`));
    });
  };
  const dimensionOf = new Map<string, string>();
  for (const loc of located) {
    const e = loc.entry;
    refs(loc, ['related'], e.related);
    if (e.kind === 'root') refs(loc, ['dimensions'], e.dimensions, 'dimension');
    if (e.kind === 'dimension') {
      const slug = slugOf(e.id);
      refs(loc, ['categories'], e.categories, slug);
      for (const c of e.categories) dimensionOf.set(c, e.id);
    }
    if (e.kind === 'architecture' || e.kind === 'training' || e.kind === 'category') {
      refs(loc, ['examples'], e.examples, 'model');
    }
    if (e.kind === 'concept' && e.architecture !== undefined)
      refs(loc, ['architecture'], [e.architecture], 'architecture');
    if (e.kind === 'model') {
      for (const [dim, ids] of Object.entries(e.placements)) {
        if (!dimensionSlugs.includes(dim))
          report(loc, ['placements', dim], kbMessages.unknownDimension(dim, dimensionSlugs));
        else refs(loc, ['placements', dim], ids, dim);
      }
      if (e.variantOf !== undefined) refs(loc, ['variantOf'], [e.variantOf], 'model');
    }
    if (e.kind === 'architecture') {
      e.formulas.forEach((f, i) => {
        if (f.concept !== undefined) refs(loc, ['formulas', i, 'concept'], [f.concept], 'concept');
      });
    }
  }
  checkCategories(located, byId, dimensionOf, report);
  checkProvenanceLinks(located, byId, report);
  checkVariantCycles(located, byId, report);
}

/** Exactly one meta block; a second is reported in the file that has it, naming the file with the first. */
function checkMeta(files: readonly ParsedFile[], problems: KbProblem[]): void {
  const [first, ...extra] = files.filter((f) => f.meta);
  if (first === undefined) {
    problems.push({ file: files[0]?.file ?? 'data/', message: kbMessages.metaCount(0) });
    return;
  }
  for (const f of extra) {
    const line = f.locate(['meta']);
    problems.push({
      file: f.file,
      ...(line === undefined ? {} : { line }),
      field: 'meta',
      message: kbMessages.extraMeta(first.file),
    });
  }
}

/** A model that is, through "variantOf", a variant of itself; each circle is reported once, where it closes. */
function checkVariantCycles(
  located: readonly Located[],
  byId: ReadonlyMap<string, Located>,
  report: Report,
): void {
  const done = new Set<string>();
  for (const start of located) {
    // Sets keep insertion order: the path walked, which a circle closes on.
    const path = new Set<string>();
    let id: string | undefined = start.entry.id;
    while (id !== undefined && !done.has(id) && !path.has(id)) {
      path.add(id);
      const e: Entry | undefined = byId.get(id)?.entry;
      id = e?.kind === 'model' ? e.variantOf : undefined;
    }
    const closing = id !== undefined && path.has(id) ? byId.get(id) : undefined;
    if (closing) {
      const walked = [...path];
      const circle = [...walked.slice(walked.indexOf(closing.entry.id)), closing.entry.id];
      report(closing, ['variantOf'], kbMessages.variantCycle(circle));
    }
    for (const p of path) done.add(p);
  }
}

/** A link between the cheat sheet and our glossary goes both ways, so either side leads to the other. */
function checkProvenanceLinks(
  located: readonly Located[],
  byId: ReadonlyMap<string, Located>,
  report: Report,
): void {
  for (const loc of located) {
    loc.entry.related.forEach((id, i) => {
      const other = byId.get(id)?.entry;
      if (!other || other.provenance === loc.entry.provenance || other.related.includes(loc.entry.id)) return;
      report(loc, ['related', i], kbMessages.oneWayLink(id, other.provenance, loc.entry.id));
    });
  }
}

type Report = (loc: Located, field: readonly (string | number)[], message: string) => void;

function checkNames(located: readonly Located[], report: Report, keyOf: (name: string) => string): void {
  const owner = new Map<string, string>();
  for (const loc of located) {
    const names: [readonly (string | number)[], string][] = [
      [['title'], loc.entry.title],
      ...loc.entry.aliases.map((a, i): [readonly (string | number)[], string] => [['aliases', i], a]),
    ];
    for (const [field, name] of names) {
      const key = keyOf(name);
      if (key === '') continue;
      const prev = owner.get(key);
      if (prev !== undefined && prev !== loc.entry.id) report(loc, field, kbMessages.sharedAlias(name, prev));
      else owner.set(key, loc.entry.id);
    }
  }
}

function checkCategories(
  located: readonly Located[],
  byId: ReadonlyMap<string, Located>,
  dimensionOf: ReadonlyMap<string, string>,
  report: Report,
): void {
  // Sets, not lists: a category of a large knowledge base can list thousands of models.
  const examplesOf = new Map<string, ReadonlySet<string>>();
  for (const { entry } of located) if ('examples' in entry) examplesOf.set(entry.id, new Set(entry.examples));
  for (const loc of located) {
    const e = loc.entry;
    if (e.kind === 'architecture' || e.kind === 'training' || e.kind === 'category') {
      const dimension = `dimension/${groupOf(e.id)}`;
      if (byId.has(dimension) && !dimensionOf.has(e.id))
        report(loc, ['id'], kbMessages.categoryNotInDimension(dimension));
      e.examples.forEach((m, i) => {
        const model = byId.get(m)?.entry;
        if (model?.kind !== 'model') return;
        const placed = model.placements[groupOf(e.id)] ?? [];
        if (!placed.includes(e.id)) report(loc, ['examples', i], kbMessages.exampleNotPlaced(m));
      });
    }
    if (e.kind === 'model') {
      for (const [dim, ids] of Object.entries(e.placements)) {
        ids.forEach((c, i) => {
          const examples = examplesOf.get(c);
          if (examples && !examples.has(e.id)) {
            report(loc, ['placements', dim, i], kbMessages.placementMissingFromExamples(c));
          }
        });
      }
    }
    if (e.kind === 'concept' && e.architecture !== undefined && e.formulas.length === 0) {
      const arch = byId.get(e.architecture)?.entry;
      if (arch?.kind === 'architecture' && !arch.formulas.some((f) => f.concept === e.id)) {
        report(loc, ['architecture'], kbMessages.conceptWithoutFormula(e.architecture));
      }
    }
    if (e.kind === 'architecture') {
      e.formulas.forEach((f, i) => {
        const concept = f.concept === undefined ? undefined : byId.get(f.concept)?.entry;
        if (concept?.kind === 'concept' && concept.architecture !== e.id) {
          report(
            loc,
            ['formulas', i, 'concept'],
            kbMessages.formulaConceptElsewhere(concept.id, concept.architecture ?? 'none'),
          );
        }
      });
    }
  }
}

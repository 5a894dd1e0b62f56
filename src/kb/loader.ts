import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import type { Document, LineCounter } from 'yaml';
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

// The detailed parser (it knows lines) is needed only when a file has a problem: loaded then, it costs no start-up.
type DetailedYaml = typeof import('yaml');
let detailedYaml: DetailedYaml | undefined;
function detailed(): DetailedYaml {
  detailedYaml ??= createRequire(import.meta.url)('yaml') as DetailedYaml;
  return detailedYaml;
}

/** One YAML file's text, named as errors should name it. */
export type KbSource = { file: string; text: string };

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

/** Reads every `*.yaml` in `dir`, validates it and builds the lookup indexes; throws KbLoadError listing every problem. */
export async function loadKnowledgeBase(dir: string): Promise<KnowledgeBase> {
  const names = yamlFiles(dir, await readdir(dir));
  const sources = await Promise.all(
    names.map(async (n) => ({ file: displayPath(join(dir, n)), text: await readFile(join(dir, n), 'utf8') })),
  );
  return buildKnowledgeBase(sources);
}

/**
 * The same, without yielding to the event loop: start-up loads the knowledge base while the chat clients
 * connect, and no event can reach a handler before this returns.
 */
export function loadKnowledgeBaseSync(dir: string): KnowledgeBase {
  const names = yamlFiles(dir, readdirSync(dir));
  return buildKnowledgeBase(
    names.map((n) => ({ file: displayPath(join(dir, n)), text: readFileSync(join(dir, n), 'utf8') })),
  );
}

function yamlFiles(dir: string, names: readonly string[]): string[] {
  const yaml = names.filter((n) => n.endsWith('.yaml')).sort();
  if (yaml.length === 0) throw new KbLoadError([{ file: dir, message: kbMessages.noFiles(dir) }]);
  return yaml;
}

/** Validates YAML sources and builds the knowledge base; pure, so tests and benchmarks can feed it text. */
export function buildKnowledgeBase(sources: readonly KbSource[]): KnowledgeBase {
  const problems: KbProblem[] = [];
  const parsed = sources.flatMap((s) => parseSource(s, problems));
  const keyOf = nameKeys();
  checkCrossReferences(parsed, problems, keyOf);
  if (problems.length > 0) throw new KbLoadError(problems);
  const metas = parsed.flatMap((p) => (p.meta ? [p.meta] : []));
  const [meta] = metas;
  if (meta === undefined) throw new KbLoadError([{ file: 'data/', message: kbMessages.metaCount(0) }]);
  return indexEntries(
    meta,
    parsed.flatMap((p) => p.entries),
    keyOf,
  );
}

export type { KnowledgeBase };

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

function parseSource(source: KbSource, problems: KbProblem[]): ParsedFile[] {
  const { file, text } = source;
  if (text.trim() === '' || /^(\s*#.*\n?)*\s*$/.test(text)) {
    problems.push({ file, message: kbMessages.emptyFile() });
    return [];
  }
  const read = readYaml(file, text, problems);
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

/**
 * A file's content and a way to find lines in it. js-yaml reads a large file several times faster; the
 * detailed parser, which knows lines, runs only when js-yaml fails or a problem needs its line.
 */
function readYaml(
  file: string,
  text: string,
  problems: KbProblem[],
): { raw: unknown; locate: Locate } | undefined {
  try {
    const raw: unknown = loadYaml(text, { schema: CORE_SCHEMA, filename: file });
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
  } catch {
    // Fall through: the detailed parser words syntax errors better and gives their lines.
  }
  const { LineCounter, parseDocument } = detailed();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const line = err.linePos?.[0].line;
      const first = err.message.split('\n')[0] ?? err.message;
      problems.push({ file, ...(line === undefined ? {} : { line }), message: kbMessages.yamlSyntax(first) });
    }
    return undefined;
  }
  return { raw: doc.toJS(), locate: (path) => lineOf(doc, lines, path) };
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

  const metaCount = files.filter((f) => f.meta).length;
  if (metaCount !== 1)
    problems.push({ file: files[0]?.file ?? 'data/', message: kbMessages.metaCount(metaCount) });

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
  const roots = located.filter((l) => l.entry.kind === 'root').length;
  if (roots !== 1) problems.push({ file: files[0]?.file ?? 'data/', message: kbMessages.rootCount(roots) });

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

/** One problem found in the knowledge base files, precise enough to fix without reading code. */
export type KbProblem = {
  file: string;
  line?: number;
  /** From 1, with `line`, where the problem is a point in the text (a syntax error). */
  column?: number;
  entry?: string;
  field?: string;
  message: string;
  /** The line with a caret under the column, as lines printed below the problem. */
  excerpt?: string;
};

/** Thrown when the knowledge base cannot be loaded; carries every problem found, not just the first. */
export class KbLoadError extends Error {
  readonly problems: readonly KbProblem[];
  constructor(problems: readonly KbProblem[]) {
    super(formatProblems(problems));
    this.name = 'KbLoadError';
    this.problems = problems;
  }
}

export function formatProblem(p: KbProblem): string {
  const column = p.line === undefined || p.column === undefined ? '' : `:${p.column}`;
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}${column}`;
  const entry = p.entry === undefined ? '' : ` entry "${p.entry}"`;
  const field = p.field === undefined || p.field === '' ? '' : ` field "${p.field}"`;
  // Indented to sit under the text of a "  - " list item.
  const excerpt = p.excerpt === undefined ? '' : `\n${p.excerpt.replace(/^/gm, '    ')}`;
  return `${where}${entry}${field}: ${p.message}${excerpt}`;
}

export function formatProblems(problems: readonly KbProblem[]): string {
  const head = `The knowledge base has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`;
  return [head, ...problems.map((p) => `  - ${formatProblem(p)}`)].join('\n');
}

/** A size as people read it, with the exact count for comparing against a limit. */
function formatBytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB (${bytes.toLocaleString('en-US')} bytes)`;
}

function formatCodePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

// Every message the loader gives, in one place so tests and authors see the same words.
export const kbMessages = {
  yamlSyntax: (detail: string) => `YAML syntax error: ${detail}`,
  unclosedQuote: (quote: string) =>
    `YAML syntax error: the ${quote} here is never closed; add a ${quote} where the text ends`,
  unclosedBracket: (open: string, close: string) =>
    `YAML syntax error: "${open}" is never closed; add "${close}" here`,
  emptyFile: () => 'the file is empty; expected "entries:" with at least one entry (or delete the file)',
  noFiles: (dir: string) => `no .yaml files found in ${dir}`,
  duplicateId: (otherFile: string) => `duplicate id: it is already used by an entry in ${otherFile}`,
  sharedAlias: (alias: string, otherId: string) =>
    `the name "${alias}" also names "${otherId}"; a name (title or alias) may name one entry only`,
  unknownId: (id: string) => `unknown id "${id}"; expected the id of an entry that exists in data/`,
  wrongGroup: (id: string, expected: string) =>
    `"${id}" is in the wrong group; expected an id starting with "${expected}"`,
  kindGroupMismatch: (kind: string, expected: string) =>
    `an entry of kind "${kind}" must have an id starting with "${expected}"`,
  placementMissingFromExamples: (category: string) =>
    `the model is placed in "${category}", but that category's "examples" does not list it; add it there too`,
  exampleNotPlaced: (model: string) =>
    `lists "${model}" as an example, but that model's "placements" does not name this category; add it there too`,
  conceptWithoutFormula: (architecture: string) =>
    `no formula of "${architecture}" names this concept; add "concept: <this id>" to one of its formulas`,
  formulaConceptElsewhere: (concept: string, architecture: string) =>
    `formula names concept "${concept}", whose "architecture" is "${architecture}"`,
  unknownDimension: (slug: string, known: readonly string[]) =>
    `no dimension "dimension/${slug}"; placements are keyed by a dimension's slug: ${known.join(', ')}`,
  categoryNotInDimension: (dimension: string) =>
    `the category is not listed in "${dimension}"'s "categories"; add it there`,
  oneWayLink: (id: string, provenance: string, self: string) =>
    `links to "${id}" (${provenance === 'glossary' ? 'from the glossary' : 'from the cheat sheet'}), which does not link back; add "${self}" to its "related"`,
  rootCount: (count: number) => `expected exactly one entry of kind "root" (id "taxonomy"), found ${count}`,
  metaCount: (count: number) =>
    `expected exactly one "meta:" block (with "asOf") across all files, found ${count}`,
  extraMeta: (firstFile: string) =>
    `a second "meta:" block; the first is in ${firstFile}, and there must be exactly one across all files`,
  extraRoot: (firstFile: string) =>
    `a second entry of kind "root"; the first is in ${firstFile}, and there must be exactly one`,
  variantCycle: (ids: readonly string[]) =>
    `"variantOf" goes round in a circle (${ids.join(' → ')}); a model cannot be a variant of itself`,
  unreadableFolder: (reason: string) => `the folder cannot be read: ${reason}`,
  unreadableFile: (reason: string) => `the file cannot be read: ${reason}`,
  notAFile: (isFolder: boolean) =>
    `${isFolder ? 'is a folder' : 'is not a regular file'}, but its name ends in ".yaml"; rename it or move it out of the knowledge base folder`,
  fileTooLarge: (size: number, limit: number) =>
    `the file is ${formatBytes(size)}, over the limit of ${formatBytes(limit)} per file; split it into smaller files or raise the limit`,
  totalTooLarge: (total: number, limit: number) =>
    `the .yaml files are ${formatBytes(total)} together, over the limit of ${formatBytes(limit)} in total; raise the limit if this is intended`,
  notUtf8: () =>
    'this line is not valid UTF-8 (was the file saved as Latin-1 or Windows-1252?); save the file as UTF-8',
  controlCharacter: (code: number, column: number) =>
    `the invisible control character ${formatCodePoint(code)} is at column ${column}; delete it`,
  moreLines: (count: number, what: string) => `and ${count} more line${count === 1 ? '' : 's'} ${what}`,
  anchors: (count: number) =>
    `YAML anchors and aliases (&name, *name) are not allowed, found ${count}; write each value out in full`,
  unreadableYaml: (detail: string) => `the file cannot be read as YAML: ${detail}`,
} as const;

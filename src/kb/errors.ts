/** One problem found in the knowledge base files, precise enough to fix without reading code. */
export type KbProblem = {
  file: string;
  line?: number;
  entry?: string;
  field?: string;
  message: string;
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
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  const entry = p.entry === undefined ? '' : ` entry "${p.entry}"`;
  const field = p.field === undefined || p.field === '' ? '' : ` field "${p.field}"`;
  return `${where}${entry}${field}: ${p.message}`;
}

export function formatProblems(problems: readonly KbProblem[]): string {
  const head = `The knowledge base has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`;
  return [head, ...problems.map((p) => `  - ${formatProblem(p)}`)].join('\n');
}

// Every message the loader gives, in one place so tests and authors see the same words.
export const kbMessages = {
  yamlSyntax: (detail: string) => `YAML syntax error: ${detail}`,
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
} as const;

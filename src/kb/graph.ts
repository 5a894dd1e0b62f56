import { createHash } from 'node:crypto';
import { nameKeys } from './normalize.ts';
import {
  type CategoryEntry,
  type DimensionEntry,
  type Entry,
  type Formula,
  type Meta,
  ROOT_ID,
  type RootEntry,
  slugOf,
} from './schema.ts';
import { type SearchIndex, searchIndexSteps } from './search-index.ts';
import { eachStep, runSteps, type Steps } from './steps.ts';

/** A model's categories in one dimension. */
export type Placement = { dimension: string; categories: readonly string[] };

/** The taxonomy's shape, read from the entries once at load: nothing about it is written in code. */
export type TaxonomyGraph = {
  root: RootEntry;
  /** The ways to classify, in the root's order. */
  dimensions: readonly DimensionEntry[];
  /** A category id → the dimension id that lists it. */
  dimensionOf: ReadonlyMap<string, string>;
  /** An entry id → what it lists: the root its dimensions, a dimension its categories, a category its models. */
  members: ReadonlyMap<string, readonly string[]>;
  /** An entry id → where it belongs: a category's dimension, a concept's architecture, a variant's model. */
  parents: ReadonlyMap<string, string>;
  /** A model id → its categories per dimension, in the root's order. */
  placements: ReadonlyMap<string, readonly Placement[]>;
  /** An entry id → its formulas: an architecture's own, a concept's own and those its architecture names for it. */
  formulas: ReadonlyMap<string, readonly Formula[]>;
  /** Categories with a parameter range, for questions like "models under 1B parameters". */
  ranged: readonly CategoryEntry[];
  /** The glossary's entries, in file order: the basics the cheat sheet leans on. */
  basics: readonly string[];
};

export type KnowledgeBase = {
  meta: Meta;
  entries: readonly Entry[];
  byId: ReadonlyMap<string, Entry>;
  /** A title's or alias's name key → the id it names. */
  byName: ReadonlyMap<string, string>;
  graph: TaxonomyGraph;
  index: SearchIndex;
  /** A short hash of every entry: a button made from another version of the knowledge base has expired. */
  fingerprint: string;
};

const NONE: readonly string[] = [];

/** The ids an entry lists: a category's examples, a dimension's categories, the root's dimensions. */
function ownMembers(e: Entry): readonly string[] {
  switch (e.kind) {
    case 'root':
      return e.dimensions;
    case 'dimension':
      return e.categories;
    case 'architecture':
    case 'training':
    case 'category':
      return e.examples;
    case 'concept':
    case 'model':
      return NONE;
  }
}

/** Where an entry belongs: a concept's architecture, a variant's model, a category's dimension. */
function parentIdOf(e: Entry, dimensionOf: ReadonlyMap<string, string>): string | undefined {
  switch (e.kind) {
    case 'concept':
      return e.architecture;
    case 'model':
      return e.variantOf;
    case 'dimension':
      return ROOT_ID;
    case 'root':
      return undefined;
    default:
      return dimensionOf.get(e.id);
  }
}

function* graphSteps(entries: readonly Entry[], byId: ReadonlyMap<string, Entry>): Steps<TaxonomyGraph> {
  const root = byId.get(ROOT_ID);
  if (root?.kind !== 'root') throw new Error('the knowledge base has no root entry "taxonomy"');
  const dimensions = root.dimensions.flatMap((id) => {
    const d = byId.get(id);
    return d?.kind === 'dimension' ? [d] : [];
  });
  const dimensionOf = new Map<string, string>();
  for (const d of entries) if (d.kind === 'dimension') for (const c of d.categories) dimensionOf.set(c, d.id);
  const members = new Map<string, readonly string[]>();
  const parents = new Map<string, string>();
  const placements = new Map<string, Placement[]>();
  const formulas = new Map<string, Formula[]>();
  const addFormula = (id: string, f: Formula) => formulas.set(id, [...(formulas.get(id) ?? []), f]);
  yield* eachStep(entries, (e) => {
    const own = ownMembers(e);
    if (own.length > 0) members.set(e.id, own);
    const parent = parentIdOf(e, dimensionOf);
    if (parent !== undefined) parents.set(e.id, parent);
    if (e.kind === 'architecture') {
      for (const f of e.formulas) {
        addFormula(e.id, f);
        if (f.concept !== undefined) addFormula(f.concept, f);
      }
    }
    if (e.kind === 'concept') for (const f of e.formulas) addFormula(e.id, f);
    if (e.kind === 'model') {
      const placed = dimensions.flatMap((d) => {
        const categories = e.placements[slugOf(d.id)] ?? [];
        return categories.length > 0 ? [{ dimension: d.id, categories }] : [];
      });
      if (placed.length > 0) placements.set(e.id, placed);
    }
  });
  const ranged = entries.filter((e): e is CategoryEntry => e.kind === 'category' && e.range !== undefined);
  const basics = entries.filter((e) => e.provenance === 'glossary').map((e) => e.id);
  return { root, dimensions, dimensionOf, members, parents, placements, formulas, ranged, basics };
}

/** The hash of `JSON.stringify(entries)`, written an entry at a time: the array's JSON is its items' joined by commas. */
function* fingerprintSteps(entries: readonly Entry[]): Steps<string> {
  const hash = createHash('sha256').update('[');
  let first = true;
  yield* eachStep(entries, (e) => {
    hash.update(first ? JSON.stringify(e) : `,${JSON.stringify(e)}`);
    first = false;
  });
  return hash.update(']').digest('hex').slice(0, 6);
}

/** Builds the graph, the name index and the search index of already validated entries, once. */
export function indexEntries(
  meta: Meta,
  entries: readonly Entry[],
  keyOf: (name: string) => string = nameKeys(),
): KnowledgeBase {
  return runSteps(indexSteps(meta, entries, keyOf));
}

/** `indexEntries` as steps: a reload runs them a slice at a time, start-up straight through. */
export function* indexSteps(
  meta: Meta,
  entries: readonly Entry[],
  keyOf: (name: string) => string = nameKeys(),
): Steps<KnowledgeBase> {
  const byId = new Map<string, Entry>();
  yield* eachStep(entries, (e) => byId.set(e.id, e));
  const byName = new Map<string, string>();
  yield* eachStep(entries, (e) => {
    for (const name of [e.title, ...e.aliases]) {
      const key = keyOf(name);
      if (key !== '' && !byName.has(key)) byName.set(key, e.id);
    }
  });
  const graph = yield* graphSteps(entries, byId);
  const fingerprint = yield* fingerprintSteps(entries);
  const index = yield* searchIndexSteps(entries, graph.formulas, byName, keyOf);
  return { meta, entries, byId, byName, graph, index, fingerprint };
}

/** The entries of some ids, skipping any that do not exist. */
export function entriesOf(kb: KnowledgeBase, ids: readonly string[]): Entry[] {
  return ids.flatMap((id) => {
    const e = kb.byId.get(id);
    return e ? [e] : [];
  });
}

export function membersOf(kb: KnowledgeBase, id: string): readonly string[] {
  return kb.graph.members.get(id) ?? NONE;
}

export function parentOf(kb: KnowledgeBase, id: string): string | undefined {
  return kb.graph.parents.get(id);
}

export function formulasOf(kb: KnowledgeBase, id: string): readonly Formula[] {
  return kb.graph.formulas.get(id) ?? [];
}

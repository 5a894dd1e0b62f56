import { type KnowledgeBase, placementsIn } from '../kb/loader.ts';
import type { Entry } from '../kb/schema.ts';
import type { Answer, ComparisonRow, EntryRef, Focus, ListGroup, Placement } from './answer.ts';
import { refOf } from './answer.ts';

/** Example questions the help answer offers, one per kind of question the bot understands. */
export const EXAMPLE_QUESTIONS = [
  'tour',
  'what is RLHF',
  'transformer vs rnn',
  'which models are multimodal',
  'pros and cons of masked language modeling',
  'explain convolutional models like I am five',
  'formula for self-attention',
  'which models are both conversational and very large',
  'models under 1B parameters',
  'quiz me on training approaches',
];

function refs(kb: KnowledgeBase, ids: readonly string[]): EntryRef[] {
  return ids.flatMap((id) => {
    const e = kb.byId.get(id);
    return e ? [refOf(e)] : [];
  });
}

/** The entries an entry lists: a category's examples, a dimension's categories, the root's dimensions. */
export function membersOf(e: Entry): readonly string[] {
  switch (e.kind) {
    case 'root':
      return e.dimensions;
    case 'dimension':
      return e.categories;
    case 'architecture':
    case 'training':
    case 'category':
      return e.examples;
    default:
      return [];
  }
}

/** Where an entry belongs: a category's dimension, a concept's architecture, a variant's model. */
export function parentOf(kb: KnowledgeBase, e: Entry): string | undefined {
  if (e.kind === 'concept') return e.architecture;
  if (e.kind === 'model') return e.variantOf;
  if (e.kind === 'dimension') return 'taxonomy';
  return kb.dimensionOf.get(e.id);
}

export function placementsOf(kb: KnowledgeBase, e: Entry): Placement[] {
  if (e.kind !== 'model') return [];
  const root = kb.byId.get('taxonomy');
  const dimensions = root?.kind === 'root' ? root.dimensions : [];
  return dimensions.flatMap((dimId) => {
    const dim = kb.byId.get(dimId);
    if (!dim) return [];
    const categories = refs(kb, placementsIn(e.placements, dimId.slice('dimension/'.length)));
    return categories.length > 0 ? [{ dimension: refOf(dim), categories }] : [];
  });
}

export function topicAnswer(kb: KnowledgeBase, e: Entry, focus: Focus): Answer {
  const parentId = parentOf(kb, e);
  const parent = parentId === undefined ? undefined : kb.byId.get(parentId);
  const formulas = e.kind === 'architecture' ? e.formulas : [...(kb.conceptFormulas.get(e.id) ?? [])];
  return {
    kind: 'topic',
    entry: e,
    focus,
    formulas,
    members: refs(kb, membersOf(e)),
    placements: placementsOf(kb, e),
    ...(parent ? { parent: refOf(parent) } : {}),
    related: refs(kb, e.related),
    asOf: kb.meta.asOf,
  };
}

function groupOfMembers(kb: KnowledgeBase, e: Entry): ListGroup {
  return { entry: refOf(e), summary: e.summary, items: refs(kb, membersOf(e)) };
}

/** The members of one category, dimension or the root, grouped a level down where that helps. */
export function listAnswer(kb: KnowledgeBase, subject: Entry): Answer {
  const items = refs(kb, membersOf(subject));
  const groups =
    subject.kind === 'root' || subject.kind === 'dimension'
      ? membersOf(subject).flatMap((id) => {
          const child = kb.byId.get(id);
          return child ? [groupOfMembers(kb, child)] : [];
        })
      : [];
  return {
    kind: 'list',
    subject,
    criteria: [refOf(subject)],
    match: 'all',
    items,
    groups,
    asOf: kb.meta.asOf,
  };
}

/** Models in every one of the given categories ("both conversational and very large"). */
export function intersectionAnswer(kb: KnowledgeBase, categories: readonly Entry[]): Answer | undefined {
  const [first] = categories;
  if (!first) return undefined;
  const sets = categories.map((c) => new Set(membersOf(c)));
  const items = membersOf(first).filter((id) => sets.every((s) => s.has(id)));
  return {
    kind: 'list',
    subject: first,
    criteria: categories.map(refOf),
    match: 'all',
    items: refs(kb, items),
    groups: [],
    asOf: kb.meta.asOf,
  };
}

/** Models in any of the given categories of one dimension, grouped by category. */
export function unionAnswer(kb: KnowledgeBase, categories: readonly Entry[]): Answer | undefined {
  const [first] = categories;
  if (!first) return undefined;
  const ids = [...new Set(categories.flatMap((c) => membersOf(c)))];
  return {
    kind: 'list',
    subject: first,
    criteria: categories.map(refOf),
    match: 'any',
    items: refs(kb, ids),
    groups: categories.map((c) => groupOfMembers(kb, c)),
    asOf: kb.meta.asOf,
  };
}

export function helpAnswer(kb: KnowledgeBase): Answer {
  const root = kb.byId.get('taxonomy');
  return {
    kind: 'help',
    dimensions: refs(kb, root?.kind === 'root' ? root.dimensions : []),
    examples: EXAMPLE_QUESTIONS,
    asOf: kb.meta.asOf,
  };
}

export function noneAnswer(query: string, suggestions: readonly Entry[]): Answer {
  return { kind: 'none', query, suggestions: [...suggestions] };
}

const FOCUS_ASPECTS: Record<Focus, readonly string[]> = {
  overview: [],
  'pros-cons': ['Pros', 'Cons'],
  analogy: ["In layman's terms"],
  formulas: ['Formulas'],
};

function titles(kb: KnowledgeBase, ids: readonly string[]): string {
  return refs(kb, ids)
    .map((r) => r.title)
    .join(', ');
}

function aspectsOf(kb: KnowledgeBase, e: Entry): [string, string][] {
  const rows: [string, string][] = [['What it is', e.summary]];
  if (e.kind === 'architecture') {
    rows.push(['How it processes', e.complexity.processing]);
    rows.push(['Time complexity', e.complexity.time]);
    rows.push(['Memory', e.complexity.memory]);
    rows.push(['Formulas', e.formulas.map((f) => f.unicode).join('\n')]);
  }
  if (e.kind === 'training' && e.style) rows.push(['Style', e.style]);
  if ('analogy' in e) {
    rows.push(['Pros', e.pros.join('; ')]);
    rows.push(['Cons', e.cons.join('; ')]);
    rows.push(["In layman's terms", e.analogy]);
  }
  if (e.kind === 'concept')
    rows.push(['Formulas', (kb.conceptFormulas.get(e.id) ?? []).map((f) => f.unicode).join('\n')]);
  if (e.kind === 'category' && e.examplesText) rows.push(['Examples', e.examplesText]);
  else if (membersOf(e).length > 0)
    rows.push([e.kind === 'dimension' ? 'Categories' : 'Examples', titles(kb, membersOf(e))]);
  for (const p of placementsOf(kb, e))
    rows.push([p.dimension.title, p.categories.map((c) => c.title).join(', ')]);
  if (e.kind === 'model') {
    if (e.developer) rows.push(['Developer', e.developer]);
    if (e.year) rows.push(['Year', String(e.year)]);
    if (e.parameters) rows.push(['Parameters', e.parameters]);
  }
  const parent = parentOf(kb, e);
  if (e.kind === 'category' && parent) rows.push(['Dimension', titles(kb, [parent])]);
  if (e.note) rows.push(['Note', e.note]);
  return rows;
}

/** A side-by-side comparison built from the entries' own fields, aspect by aspect. */
export function compareAnswer(kb: KnowledgeBase, entries: readonly Entry[], focus: Focus): Answer {
  const perEntry = entries.map((e) => new Map(aspectsOf(kb, e)));
  const order: string[] = [];
  for (const aspects of perEntry)
    for (const aspect of aspects.keys()) if (!order.includes(aspect)) order.push(aspect);
  const first = FOCUS_ASPECTS[focus];
  order.sort((a, b) => Number(first.includes(b)) - Number(first.includes(a)));
  const rows: ComparisonRow[] = order
    .map((aspect) => ({ aspect, values: perEntry.map((m) => m.get(aspect) ?? '—') }))
    .filter((row) => row.values.filter((v) => v !== '—').length > 0);
  const dims = new Set(entries.map((e) => kb.dimensionOf.get(e.id)));
  const [dimId] = dims;
  const dim = dims.size === 1 && dimId !== undefined ? kb.byId.get(dimId) : undefined;
  const keyDifference = dim?.kind === 'dimension' ? dim.keyDifference : undefined;
  return {
    kind: 'compare',
    entries: [...entries],
    rows,
    ...(keyDifference ? { keyDifference } : {}),
    asOf: kb.meta.asOf,
  };
}

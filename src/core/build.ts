import { entriesOf, type KnowledgeBase, membersOf, parentOf } from '../kb/graph.ts';
import { tokenize } from '../kb/normalize.ts';
import { type Entry, judgementOf } from '../kb/schema.ts';
import type { Answer, ComparisonRow, EntryRef, Focus, ListGroup, Placement } from './answer.ts';
import { refOf } from './answer.ts';
import { EXAMPLE_QUESTIONS } from './examples.ts';
import { findMentions } from './stages/mentions.ts';
import { tourOf } from './tour.ts';

function refs(kb: KnowledgeBase, ids: readonly string[]): EntryRef[] {
  return entriesOf(kb, ids).map(refOf);
}

export function placementsOf(kb: KnowledgeBase, e: Entry): Placement[] {
  return (kb.graph.placements.get(e.id) ?? []).flatMap((p) => {
    const dim = kb.byId.get(p.dimension);
    return dim ? [{ dimension: refOf(dim), categories: refs(kb, p.categories) }] : [];
  });
}

export function topicAnswer(kb: KnowledgeBase, e: Entry, focus: Focus): Answer {
  const parentId = parentOf(kb, e.id);
  const parent = parentId === undefined ? undefined : kb.byId.get(parentId);
  const borrowed = judgementOf(e).analogy === undefined ? ancestorAnalogy(kb, e) : undefined;
  return {
    kind: 'topic',
    entry: e,
    focus,
    formulas: [...(kb.graph.formulas.get(e.id) ?? [])],
    members: refs(kb, membersOf(kb, e.id)),
    placements: placementsOf(kb, e),
    ...(parent ? { parent: refOf(parent) } : {}),
    ...(borrowed ? { borrowedAnalogy: borrowed } : {}),
    related: refs(kb, e.related),
    asOf: kb.meta.asOf,
  };
}

/** The analogy of the nearest ancestor that has one: self-attention is explained by the transformer's. */
function ancestorAnalogy(kb: KnowledgeBase, e: Entry): { from: EntryRef; text: string } | undefined {
  const seen = new Set([e.id]);
  for (let id = parentOf(kb, e.id); id !== undefined && !seen.has(id); id = parentOf(kb, id)) {
    seen.add(id);
    const ancestor = kb.byId.get(id);
    const text = ancestor ? judgementOf(ancestor).analogy : undefined;
    if (ancestor && text) return { from: refOf(ancestor), text };
  }
  return undefined;
}

function groupOfMembers(kb: KnowledgeBase, e: Entry): ListGroup {
  return { entry: refOf(e), summary: e.summary, items: refs(kb, membersOf(kb, e.id)) };
}

/** The members of one category, dimension or the root, grouped a level down where that helps. */
export function listAnswer(kb: KnowledgeBase, subject: Entry): Answer {
  const items = refs(kb, membersOf(kb, subject.id));
  const groups =
    subject.kind === 'root' || subject.kind === 'dimension'
      ? entriesOf(kb, membersOf(kb, subject.id)).map((child) => groupOfMembers(kb, child))
      : [];
  const basics = subject.kind === 'root' ? refs(kb, kb.graph.basics) : [];
  return {
    kind: 'list',
    subject,
    criteria: [refOf(subject)],
    match: 'all',
    items,
    groups,
    ...(basics.length > 0 ? { basics } : {}),
    asOf: kb.meta.asOf,
  };
}

/** Models in every one of the given categories ("both conversational and very large"). */
export function intersectionAnswer(kb: KnowledgeBase, categories: readonly Entry[]): Answer | undefined {
  const [first] = categories;
  if (!first) return undefined;
  const sets = categories.map((c) => new Set(membersOf(kb, c.id)));
  const items = membersOf(kb, first.id).filter((id) => sets.every((s) => s.has(id)));
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
  const ids = [...new Set(categories.flatMap((c) => membersOf(kb, c.id)))];
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
  const tour = tourOf(kb);
  return {
    kind: 'help',
    dimensions: kb.graph.dimensions.map((d) => groupOfMembers(kb, d)),
    examples: EXAMPLE_QUESTIONS,
    tour: { total: tour.pages.length, version: tour.version },
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
  }
  const formulas = kb.graph.formulas.get(e.id) ?? [];
  if (formulas.length > 0) rows.push(['Formulas', formulas.map((f) => f.unicode).join('\n')]);
  if (e.kind === 'training' && e.style) rows.push(['Style', e.style]);
  const judged = judgementOf(e);
  if (judged.pros) rows.push(['Pros', judged.pros.join('; ')]);
  if (judged.cons) rows.push(['Cons', judged.cons.join('; ')]);
  if (judged.analogy) rows.push(["In layman's terms", judged.analogy]);
  const members = membersOf(kb, e.id);
  if (e.kind === 'category' && e.examplesText) rows.push(['Examples', e.examplesText]);
  else if (members.length > 0)
    rows.push([e.kind === 'dimension' ? 'Categories' : 'Examples', titles(kb, members)]);
  for (const p of placementsOf(kb, e))
    rows.push([p.dimension.title, p.categories.map((c) => c.title).join(', ')]);
  if (e.kind === 'model') {
    if (e.developer) rows.push(['Developer', e.developer]);
    if (e.year) rows.push(['Year', String(e.year)]);
    if (e.parameters) rows.push(['Parameters', e.parameters]);
  }
  const parent = parentOf(kb, e.id);
  if (e.kind === 'category' && parent) rows.push(['Dimension', titles(kb, [parent])]);
  if (e.note) rows.push(['Note', e.note]);
  return rows;
}

/** A sentence's clauses: split at commas and semicolons that are not inside parentheses. */
function clausesOf(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if ((ch === ',' || ch === ';') && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  out.push(current.trim());
  return out.map((c) => c.replace(/\.$/, '')).filter((c) => c !== '');
}

/**
 * The part of a dimension's key difference about the entries compared: the clauses that name one of them,
 * when they speak of at least two (RNN vs CNN is not told about transformers); otherwise none.
 */
function keyDifferenceOf(kb: KnowledgeBase, text: string, entries: readonly Entry[]): string | undefined {
  const compared = new Set(entries.map((e) => e.id));
  const named = clausesOf(text).map((clause) => ({
    clause,
    ids: findMentions(kb, tokenize(clause))
      .map((m) => m.id)
      .filter((id) => compared.has(id)),
  }));
  const kept = named.filter((c) => c.ids.length > 0);
  if (new Set(kept.flatMap((c) => c.ids)).size < 2) return undefined;
  return `${kept.map((c) => c.clause).join(', ')}.`;
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
  const dims = new Set(entries.map((e) => kb.graph.dimensionOf.get(e.id)));
  const [dimId] = dims;
  const dim = dims.size === 1 && dimId !== undefined ? kb.byId.get(dimId) : undefined;
  const keyDifference =
    dim?.kind === 'dimension' && dim.keyDifference
      ? keyDifferenceOf(kb, dim.keyDifference, entries)
      : undefined;
  return {
    kind: 'compare',
    entries: [...entries],
    rows,
    ...(keyDifference ? { keyDifference } : {}),
    asOf: kb.meta.asOf,
  };
}

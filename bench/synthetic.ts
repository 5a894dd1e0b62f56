import { indexEntries, type KnowledgeBase } from '../src/kb/graph.ts';
import type { Entry } from '../src/kb/schema.ts';

const SYLLABLES = [
  'zen',
  'tra',
  'vo',
  'lex',
  'qua',
  'mi',
  'dor',
  'phi',
  'ka',
  'nu',
  'sol',
  'ber',
  'gri',
  'tho',
  'ux',
];
const WORDS =
  'neural sparse adaptive token context gradient layer window memory parallel routing expert retrieval dense latent mixture kernel decoder encoder vision speech'.split(
    ' ',
  );

function pick<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** A name no real entry has, derived from a number so runs are repeatable. */
function nameOf(i: number): string {
  return `${pick(SYLLABLES, i)}${pick(SYLLABLES, Math.floor(i / 15))}${pick(SYLLABLES, Math.floor(i / 225))}-${i}`;
}

/** The real knowledge base grown to `size` entries with made-up models placed in real categories. */
export function syntheticKnowledgeBase(real: KnowledgeBase, size: number): KnowledgeBase {
  const categories = real.entries.filter((e) => e.kind === 'category');
  const extra: Entry[] = [];
  for (let i = 0; extra.length < size - real.entries.length; i++) {
    const category = pick(categories, i);
    const group = category.id.split('/')[0] ?? 'scale';
    const name = nameOf(i);
    extra.push({
      id: `model/${name.toLowerCase()}`,
      kind: 'model',
      provenance: 'cheatsheet',
      title: name,
      aliases: [`${name} model`],
      keywords: [],
      summary: `A ${pick(WORDS, i)} ${pick(WORDS, i * 7)} model with ${pick(WORDS, i * 13)} ${pick(WORDS, i * 3)} layers.`,
      related: [],
      placements: { [group]: [category.id] },
    });
  }
  return indexEntries(real.meta, [...real.entries, ...extra]);
}

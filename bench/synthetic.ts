// Knowledge bases grown to 10,000 or 100,000 entries, as YAML text, so their figures include parsing and validation.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { KbSource } from '../src/kb/loader.ts';

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
/** Made-up models are placed in made-up categories of these real dimensions. */
const DIMENSIONS = ['scale', 'purpose', 'data'] as const;
/** Models per made-up category (each category lists its models, as the data's rules require). */
const PER_CATEGORY = 500;
/** Generated entries per YAML file, as a knowledge base that large would be split. */
const PER_FILE = 5_000;

function pick<T>(items: readonly T[], n: number): T {
  const item = items[n % items.length];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** A name no real entry has, derived from a number so runs are repeatable. */
function nameOf(i: number): string {
  return `${pick(SYLLABLES, i)}${pick(SYLLABLES, Math.floor(i / 15))}${pick(SYLLABLES, Math.floor(i / 225))}-${i}`;
}

function categoryOf(i: number): { id: string; n: number } {
  const n = Math.floor(i / PER_CATEGORY);
  return { id: `${pick(DIMENSIONS, n)}/synthetic-${n}`, n };
}

function modelYaml(i: number): string {
  const name = nameOf(i);
  const summary = `A ${pick(WORDS, i)} ${pick(WORDS, i * 7)} model with ${pick(WORDS, i * 13)} ${pick(WORDS, i * 3)} layers.`;
  const { id } = categoryOf(i);
  return [
    `  - id: model/${name}`,
    '    kind: model',
    '    provenance: cheatsheet',
    `    title: ${name}`,
    `    aliases: [${name} model]`,
    `    summary: ${summary}`,
    `    placements: { ${id.split('/')[0]}: [${id}] }`,
    '',
  ].join('\n');
}

function categoryYaml(n: number, from: number, to: number): string {
  const examples = [];
  for (let i = from; i < to; i++) examples.push(`model/${nameOf(i)}`);
  return [
    `  - id: ${categoryOf(from).id}`,
    '    kind: category',
    '    provenance: cheatsheet',
    `    title: Synthetic group ${n}`,
    `    summary: Made-up models for measuring a large knowledge base, group ${n}.`,
    `    examples: [${examples.join(', ')}]`,
    '',
  ].join('\n');
}

/** The real knowledge base's files. */
export async function realSources(dir = 'data'): Promise<KbSource[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort();
  return Promise.all(
    names.map(async (n) => ({ file: join(dir, n), text: await readFile(join(dir, n), 'utf8') })),
  );
}

/** The dimensions' entries with the made-up categories added to their lists, as the data's rules require. */
function withCategories(source: KbSource, added: readonly string[]): KbSource {
  const doc = parseDocument(source.text);
  const entries = doc.get('entries');
  if (!isSeq(entries)) return source;
  for (const item of entries.items) {
    if (!isMap(item)) continue;
    const id = String(item.get('id'));
    const list = item.get('categories');
    if (!id.startsWith('dimension/') || !isSeq(list)) continue;
    const slug = id.slice('dimension/'.length);
    for (const c of added) if (c.startsWith(`${slug}/`)) list.add(c);
  }
  return { file: source.file, text: doc.toString() };
}

/** The real files plus made-up models and their categories, about `size` entries in all. */
export function syntheticSources(real: readonly KbSource[], realCount: number, size: number): KbSource[] {
  const extra: KbSource[] = [];
  const categories: string[] = [];
  const models = Math.max(0, Math.round((size - realCount) * (PER_CATEGORY / (PER_CATEGORY + 1))));
  for (let from = 0; from < models; from += PER_FILE) {
    const to = Math.min(models, from + PER_FILE);
    const lines = ['entries:'];
    for (let i = from; i < to; i++) lines.push(modelYaml(i));
    for (let c = from; c < to; c += PER_CATEGORY) {
      lines.push(categoryYaml(categoryOf(c).n, c, Math.min(to, c + PER_CATEGORY)));
      categories.push(categoryOf(c).id);
    }
    extra.push({ file: `synthetic-${from / PER_FILE}.yaml`, text: lines.join('\n') });
  }
  return [...real.map((s) => withCategories(s, categories)), ...extra];
}

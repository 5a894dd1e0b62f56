import type { KnowledgeBase } from './loader.ts';
import { GROUPS, groupOf } from './schema.ts';

/** A short report of what the knowledge base holds, for `npm run kb:check`. */
export function summarizeKnowledgeBase(kb: KnowledgeBase): string {
  const counts = new Map<string, number>(GROUPS.map((g) => [g, 0]));
  for (const e of kb.entries) counts.set(groupOf(e.id), (counts.get(groupOf(e.id)) ?? 0) + 1);
  const formulas = kb.entries.reduce((n, e) => n + (e.kind === 'architecture' ? e.formulas.length : 0), 0);
  const aliases = kb.entries.reduce((n, e) => n + e.aliases.length, 0);
  const notes = kb.entries.filter((e) => e.note !== undefined).length;
  const width = Math.max(...[...counts.keys()].map((k) => k.length));
  return [
    `Knowledge base OK: ${kb.entries.length} entries (products as of ${kb.meta.asOf})`,
    ...[...counts].map(([group, n]) => `  ${group.padEnd(width)}  ${n}`),
    `  formulas: ${formulas}, aliases: ${aliases}, notes on seed placements: ${notes}`,
  ].join('\n');
}

import type { KnowledgeBase } from './graph.ts';
import { groupOf } from './schema.ts';

/** A short report of what the knowledge base holds, for `npm run kb:check`. */
export function summarizeKnowledgeBase(kb: KnowledgeBase): string {
  const counts = new Map<string, number>();
  for (const e of kb.entries) counts.set(groupOf(e.id), (counts.get(groupOf(e.id)) ?? 0) + 1);
  const formulas = kb.entries.reduce((n, e) => n + ('formulas' in e ? e.formulas.length : 0), 0);
  const aliases = kb.entries.reduce((n, e) => n + e.aliases.length, 0);
  const notes = kb.entries.filter((e) => e.note !== undefined).length;
  const glossary = kb.entries.filter((e) => e.provenance === 'glossary').length;
  const width = Math.max(0, ...[...counts.keys()].map((k) => k.length));
  return [
    `Knowledge base OK: ${kb.entries.length} entries (products as of ${kb.meta.asOf}), ${glossary} from the glossary`,
    ...[...counts].map(([group, n]) => `  ${group.padEnd(width)}  ${n}`),
    `  formulas: ${formulas}, aliases: ${aliases}, notes on seed placements: ${notes}`,
  ].join('\n');
}

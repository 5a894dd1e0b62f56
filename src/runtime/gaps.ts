import { nameKey } from '../kb/normalize.ts';

type Gap = { question: string; count: number; lastSeen: string };

/** Reads log lines and ranks the questions logged as "unanswered", grouping ones that differ only in case and punctuation. */
export async function summarizeGaps(lines: AsyncIterable<string>, top: number): Promise<string> {
  const gaps = new Map<string, Gap>();
  let total = 0;
  let skipped = 0;
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    if (typeof record !== 'object' || record === null || !('unanswered' in record)) continue;
    const question = typeof record.unanswered === 'string' ? record.unanswered.trim() : '';
    if (question === '') continue;
    total++;
    const key = nameKey(question) || question;
    const time = 'time' in record ? String(record.time) : '';
    const gap = gaps.get(key) ?? { question, count: 0, lastSeen: time };
    gap.count++;
    gap.lastSeen = time || gap.lastSeen;
    gaps.set(key, gap);
  }
  if (total === 0)
    return `No unanswered questions found${skipped ? ` (${skipped} lines were not JSON)` : ''}.`;
  const ranked = [...gaps.values()]
    .sort((a, b) => b.count - a.count || a.question.localeCompare(b.question))
    .slice(0, top);
  const width = String(ranked[0]?.count ?? 0).length;
  return [
    `${total} unanswered question${total === 1 ? '' : 's'}, ${gaps.size} distinct; the most asked:`,
    ...ranked.map((g) => `${String(g.count).padStart(width)}  ${g.question}`),
    ...(skipped ? [`(${skipped} lines were not JSON and were skipped)`] : []),
  ].join('\n');
}

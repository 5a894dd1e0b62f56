// Stage 5: retrieval for topics the question does not name, by BM25 over the entries' text.
import { processTerm, type SearchIndex, stem } from '../../kb/search-index.ts';
import { RARE_WORD_MIN_DOCS, RARE_WORD_SHARE } from '../tuning.ts';

export type Hit = {
  id: string;
  score: number;
  /** Share of the question's distinct meaningful stems the entry matched, within its names or within its prose. */
  coverage: number;
  matched: number;
  /** Whether some word matched the entry's title, aliases or keywords rather than only its prose. */
  byName: boolean;
  /** Whether every match is in the longer explanation only, the weakest evidence. */
  detailsOnly: boolean;
  /** The question's stems the entry matched. */
  terms: string[];
};

/** Whether a word is rare in the knowledge base, and so says something specific. */
export function isRareWord(index: SearchIndex, word: string): boolean {
  const term = processTerm(word);
  if (term === null) return false;
  return (index.docFreq.get(term) ?? 0) <= Math.max(RARE_WORD_MIN_DOCS, index.docCount * RARE_WORD_SHARE);
}

/** The stem a word is searched by, or null for a word that is never searched. */
export function searchTerm(word: string): string | null {
  return processTerm(word);
}

/** Whether the knowledge base uses this word (or a form of it) anywhere. */
export function isKnownWord(index: SearchIndex, word: string): boolean {
  return index.knownStems.has(stem(word));
}

const NAME_FIELDS: ReadonlySet<string> = new Set(['title', 'names', 'keywords']);

/** BM25 over the entries' text for the given meaningful words, best first. */
export function searchText(index: SearchIndex, words: readonly string[]): Hit[] {
  const stems = new Set(words.map((w) => processTerm(w)).filter((s): s is string => s !== null));
  if (stems.size === 0) return [];
  const results = index.bm25.search(words.join(' '));
  return results.map((r) => {
    const fields = Object.values(r.match);
    // Words matched in unrelated places ("open" in a summary, "source" in an alias) are weaker evidence
    // than words found together: coverage counts the names and the prose separately and keeps the better.
    const inNames = fields.filter((f) => f.some((x) => NAME_FIELDS.has(x))).length;
    const inProse = fields.filter((f) => f.some((x) => !NAME_FIELDS.has(x))).length;
    return {
      id: String(r.id),
      score: r.score,
      matched: new Set(r.queryTerms).size,
      coverage: Math.max(inNames, inProse) / stems.size,
      byName: inNames > 0,
      detailsOnly: fields.every((f) => f.every((x) => x === 'details')),
      terms: [...new Set(r.queryTerms)],
    };
  });
}

/** The hit that explains most of the question, then the best scored, among those not far below the best. */
export function bestHit(hits: readonly Hit[], minShareOfTop: number): Hit | undefined {
  const [top] = hits;
  if (!top) return undefined;
  return hits
    .filter((h) => h.score >= top.score * minShareOfTop)
    .sort((a, b) => b.coverage - a.coverage || b.score - a.score)[0];
}

// Stage 5: retrieval for topics the question does not name, by BM25 over the entries' text.
import { processTerm, type SearchIndex, stem } from '../../kb/search-index.ts';
import {
  COMMON_WORD_MIN_DOCS,
  COMMON_WORD_SHARE,
  MAX_TEXT_HITS,
  RARE_WORD_MIN_DOCS,
  RARE_WORD_SHARE,
} from '../tuning.ts';
import { isFiller, type Question } from './normalize.ts';

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

/** Whether so many entries use a word that searching for it would only add noise (and time). */
function isCommonWord(index: SearchIndex, term: string): boolean {
  return (index.docFreq.get(term) ?? 0) > Math.max(COMMON_WORD_MIN_DOCS, index.docCount * COMMON_WORD_SHARE);
}

/** BM25 over the entries' text for the given meaningful words, best first; `only` keeps some entries. */
export function searchText(
  index: SearchIndex,
  words: readonly string[],
  only?: (id: string) => boolean,
): Hit[] {
  const kept = words.filter((w) => {
    const term = processTerm(w);
    return term !== null && !isCommonWord(index, term);
  });
  const stems = new Set(kept.map((w) => processTerm(w)));
  if (stems.size === 0) return [];
  const results = index.bm25.search(kept.join(' '), only ? { filter: (r) => only(String(r.id)) } : {});
  return results.slice(0, MAX_TEXT_HITS).map((r) => {
    // Words matched in unrelated places ("open" in a summary, "source" in an alias) are weaker evidence
    // than words found together: coverage counts the names and the prose separately and keeps the better.
    let inNames = 0;
    let inProse = 0;
    let detailsOnly = true;
    for (const term in r.match) {
      const fields = r.match[term] ?? [];
      if (fields.some((x) => NAME_FIELDS.has(x))) inNames++;
      if (fields.some((x) => !NAME_FIELDS.has(x))) inProse++;
      if (fields.some((x) => x !== 'details')) detailsOnly = false;
    }
    const terms = [...new Set(r.queryTerms)];
    return {
      id: String(r.id),
      score: r.score,
      matched: terms.length,
      coverage: Math.max(inNames, inProse) / stems.size,
      byName: inNames > 0,
      detailsOnly,
      terms,
    };
  });
}

// Several stages search the same meaningful words of a question: the last question's search is kept
// (one slot, so nothing outlives the next question and no table grows for the collector to scan).
let last: { index: SearchIndex; q: Question; hits: Hit[] } | undefined;

/** Text hits for a question's meaningful words (what is left once filler is set aside). */
export function searchQuestion(index: SearchIndex, q: Question): Hit[] {
  if (last?.q === q && last.index === index) return last.hits;
  const hits = searchText(
    index,
    q.words.filter((w) => !isFiller(w)),
  );
  last = { index, q, hits };
  return hits;
}

/** The hit that explains most of the question, then the best scored, among those not far below the best. */
export function bestHit(hits: readonly Hit[], minShareOfTop: number): Hit | undefined {
  const [top] = hits;
  if (!top) return undefined;
  return hits
    .filter((h) => h.score >= top.score * minShareOfTop)
    .sort((a, b) => b.coverage - a.coverage || b.score - a.score)[0];
}

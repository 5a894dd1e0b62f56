import type { KnowledgeBase } from '../kb/graph.ts';
import { processTerm, type SearchIndex, stem } from '../kb/search-index.ts';
import {
  allowedEdits,
  MAX_NAME_WORDS,
  MIN_BM25_COVERAGE,
  MIN_BM25_SCORE,
  MIN_SHARE_OF_TOP_SCORE,
  RARE_WORD_MIN_DOCS,
  RARE_WORD_SHARE,
  SWAP_ONLY_MAX_LENGTH,
} from './tuning.ts';

export type { SearchIndex };

/** Damerau-Levenshtein distance (optimal string alignment): a swap of neighbours is one edit. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      d[i * cols + j] = v;
    }
  }
  return at(a.length, b.length);
}

function isSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/** Glues pieces of a name back together: "UL-2" → "ul2", "codet-5" → "codet5", "gpt 4 v" → "gpt4v". */
export function glueNameParts(index: SearchIndex, words: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    // Only a digit or a single letter is glued on, so ordinary words never merge into names; a first
    // piece that is a name word itself ("gpt" in "gpt 4 vision") stays apart, as multi-word names need it.
    const glue = prev !== undefined && !index.nameWords.has(prev) && (/^\d+$/.test(w) || w.length === 1);
    if (glue && index.nameWords.has(prev + w)) out[out.length - 1] = prev + w;
    else out.push(w);
  }
  return out;
}

/** The word a typo most likely meant, or the word itself when it is known or nothing is close. */
export function correctWord(index: SearchIndex, word: string): string {
  if (index.vocabulary.has(word) || /\d/.test(word) || index.knownStems.has(stem(word))) return word;
  const edits = allowedEdits(word.length);
  if (edits === 0) return word;
  // fuzzyGet counts a swap as two edits, so ask one wider and check with the real distance.
  const candidates = index.vocabulary.fuzzyGet(word, edits + 1);
  let best: { word: string; distance: number; score: number } | undefined;
  for (const [candidate, [count]] of candidates) {
    if (word.length <= SWAP_ONLY_MAX_LENGTH && !isSwap(word, candidate)) continue;
    const distance = editDistance(word, candidate);
    if (distance > edits) continue;
    const score = (index.nameWords.has(candidate) ? 1000 : 0) + count;
    if (!best || distance < best.distance || (distance === best.distance && score > best.score)) {
      best = { word: candidate, distance, score };
    }
  }
  return best?.word ?? word;
}

/** One place a question names an entry: words [start, end) of the question name `id`. */
export type Mention = { id: string; start: number; end: number };

function singular(word: string): string | undefined {
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return undefined;
}

/** The entries a question names by title or alias, longest names first, in question order. */
export function findMentions(kb: KnowledgeBase, words: readonly string[]): Mention[] {
  const found: Mention[] = [];
  const longest = Math.min(MAX_NAME_WORDS, kb.index.longestName);
  for (let start = 0; start < words.length; start++) {
    for (let len = Math.min(longest, words.length - start); len >= 1; len--) {
      const phrase = words.slice(start, start + len);
      const id = lookupName(kb, phrase);
      if (id !== undefined) found.push({ id, start, end: start + len });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Array<boolean>(words.length).fill(false);
  const chosen: Mention[] = [];
  for (const m of found) {
    if (taken.slice(m.start, m.end).some(Boolean)) continue;
    for (let i = m.start; i < m.end; i++) taken[i] = true;
    chosen.push(m);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

function lookupName(kb: KnowledgeBase, phrase: readonly string[]): string | undefined {
  const key = phrase.join(' ');
  const exact = kb.byName.get(key);
  if (exact !== undefined) return exact;
  // One typed word with digits may be a spaced name run together: "palm540b" is "PaLM 540B".
  if (phrase.length === 1 && /\d/.test(key)) {
    const compact = kb.index.compactNames.get(key);
    if (compact !== undefined) return compact;
  }
  // "a small model" names "small models": try the plural of a multi-word name's last word.
  if (phrase.length > 1) {
    const plural = kb.byName.get(`${key}s`);
    if (plural !== undefined) return plural;
  }
  if (!phrase.some((w) => w.endsWith('s'))) return undefined;
  const singulars = phrase.map((w) => singular(w) ?? w);
  const last = singulars.length - 1;
  // Plurals anywhere: "transformers architecture", "lstms"; but keep the last word whole if that is the name.
  return (
    kb.byName.get([...phrase.slice(0, last), singulars[last] ?? ''].join(' ')) ??
    kb.byName.get([...singulars.slice(0, last), phrase[last] ?? ''].join(' ')) ??
    kb.byName.get(singulars.join(' '))
  );
}

export type Hit = {
  id: string;
  score: number;
  /** Share of the question's distinct meaningful stems the entry matched. */
  coverage: number;
  matched: number;
  /** Whether some word matched the entry's title, aliases or keywords rather than only its prose. */
  byName: boolean;
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

const NAME_FIELDS: ReadonlySet<string> = new Set(['title', 'names', 'keywords']);

/** BM25 over the entries' text for the given meaningful words, best first. */
export function searchText(index: SearchIndex, words: readonly string[]): Hit[] {
  const stems = new Set(words.map((w) => processTerm(w)).filter((s): s is string => s !== null));
  if (stems.size === 0) return [];
  const results = index.bm25.search(words.join(' '));
  return results.map((r) => {
    const matched = new Set(r.queryTerms).size;
    const fields = Object.values(r.match);
    const byName = fields.some((f) => f.some((x) => NAME_FIELDS.has(x)));
    // Words matched in unrelated places ("open" in a summary, "source" in an alias) are weaker evidence
    // than words found together: coverage counts the names and the prose separately and keeps the better.
    const inNames = fields.filter((f) => f.some((x) => NAME_FIELDS.has(x))).length;
    const inProse = fields.filter((f) => f.some((x) => !NAME_FIELDS.has(x))).length;
    const together = Math.max(inNames, inProse);
    return {
      id: String(r.id),
      score: r.score,
      matched,
      coverage: together / stems.size,
      byName,
      terms: [...new Set(r.queryTerms)],
    };
  });
}

/** The BM25 hit good enough to answer with, if any: the one that explains most of the question, then the best scored. */
export function acceptableHit(hits: readonly Hit[]): Hit | undefined {
  const [top] = hits;
  if (!top) return undefined;
  // A hit that covers every word beats a higher-scored one that covers half ("what forgets distant information").
  const candidates = hits.filter(
    (h) =>
      h.score >= MIN_BM25_SCORE &&
      h.coverage >= MIN_BM25_COVERAGE &&
      h.score >= top.score * MIN_SHARE_OF_TOP_SCORE,
  );
  return candidates.sort((a, b) => b.coverage - a.coverage || b.score - a.score)[0];
}

/** Whether the knowledge base uses this word (or a form of it) anywhere. */
export function isKnownWord(index: SearchIndex, word: string): boolean {
  return index.knownStems.has(stem(word));
}

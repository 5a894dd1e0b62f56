import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { stemmer } from 'stemmer';
import type { KnowledgeBase } from '../kb/loader.ts';
import { tokenize } from '../kb/normalize.ts';
import type { Entry } from '../kb/schema.ts';
import { COMPARE_CUES, FOCUS_CUES, HELP_WORDS, LIST_CUES, MODEL_NOUNS, STOP_WORDS } from './lexicon.ts';
import {
  allowedEdits,
  FIELD_BOOSTS,
  MAX_NAME_WORDS,
  MIN_BM25_COVERAGE,
  MIN_BM25_SCORE,
  MIN_SHARE_OF_TOP_SCORE,
  RARE_WORD_MIN_DOCS,
  RARE_WORD_SHARE,
  SWAP_ONLY_MAX_LENGTH,
} from './tuning.ts';

type Doc = {
  id: string;
  title: string;
  names: string;
  keywords: string;
  summary: string;
  extra: string;
  details: string;
};

/** Everything ask() needs besides the knowledge base, built once per knowledge base. */
export type SearchIndex = {
  bm25: MiniSearch<Doc>;
  /** Words of names and of the lexicon → how often the knowledge base uses them, for typo correction. */
  vocabulary: SearchableMap<number>;
  /** Words that appear in some entry's names; preferred when correcting a typo. */
  nameWords: ReadonlySet<string>;
  /** Stems of every word of every entry's text, to tell known words from foreign ones. */
  knownStems: ReadonlySet<string>;
  /** Stem → how many entries use it: a word most entries use says little. */
  docFreq: ReadonlyMap<string, number>;
  docCount: number;
};

const cache = new WeakMap<KnowledgeBase, SearchIndex>();

/** The search index of a knowledge base, built on first use and kept as long as the knowledge base. */
export function searchIndexOf(kb: KnowledgeBase): SearchIndex {
  let index = cache.get(kb);
  if (!index) {
    index = buildSearchIndex(kb);
    cache.set(kb, index);
  }
  return index;
}

export function stem(word: string): string {
  return stemmer(word);
}

function docOf(e: Entry, kb: KnowledgeBase): Doc {
  const extra: string[] = [];
  if ('analogy' in e) extra.push(e.analogy, ...e.pros, ...e.cons);
  if (e.kind === 'training' && e.style) extra.push(e.style);
  // Formulas are searchable by their words and symbols: "softmax(QK^T/sqrt(d_k))V" finds self-attention.
  const formulas = e.kind === 'architecture' ? e.formulas : (kb.conceptFormulas.get(e.id) ?? []);
  extra.push(
    ...formulas.flatMap((f) => [
      f.name,
      f.unicode,
      f.latex.replace(/\\(mathrm|left|right|frac|cdot|ldots)/g, ' '),
    ]),
  );
  if (e.kind === 'architecture') extra.push(e.complexity.processing, e.complexity.time, e.complexity.memory);
  if (e.kind === 'category' && e.examplesText) extra.push(e.examplesText);
  if (e.note) extra.push(e.note);
  if (e.kind === 'model' && e.developer) extra.push(e.developer);
  return {
    id: e.id,
    title: e.title,
    names: e.aliases.join(' ; '),
    keywords: e.keywords.join(' ; '),
    summary: e.summary,
    extra: extra.join(' ; '),
    details: e.details ?? '',
  };
}

function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  // Single letters (the Q, K and V of a formula) match everything and mean nothing on their own.
  if (t.length < 2 || STOP_WORDS.has(t) || MODEL_NOUNS.has(t) || /^(19|20)\d\d$/.test(t)) return null;
  // Porter keeps superlatives whole; "fastest" should find "fast".
  return stem(t.length > 6 && t.endsWith('est') ? t.slice(0, -3) : t);
}

function buildSearchIndex(kb: KnowledgeBase): SearchIndex {
  const bm25 = new MiniSearch<Doc>({
    fields: ['title', 'names', 'keywords', 'summary', 'extra', 'details'],
    storeFields: [],
    tokenize: (text) => tokenize(text),
    processTerm,
    searchOptions: { boost: FIELD_BOOSTS, combineWith: 'OR', prefix: false, fuzzy: false },
  });
  const docs = kb.entries.map((e) => docOf(e, kb));
  bm25.addAll(docs);

  const counts = new Map<string, number>();
  const nameWords = new Set<string>();
  const knownStems = new Set<string>();
  const docFreq = new Map<string, number>();
  const add = (w: string) => counts.set(w, (counts.get(w) ?? 0) + 1);
  for (const d of docs) {
    for (const w of tokenize(`${d.title} ${d.names}`)) nameWords.add(w);
    const stems = new Set<string>();
    for (const w of tokenize(Object.values(d).join(' '))) {
      add(w);
      const t = processTerm(w);
      knownStems.add(stem(w));
      if (t !== null) stems.add(t);
    }
    for (const t of stems) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
  }
  const lexicon = new Set<string>();
  for (const set of [
    STOP_WORDS,
    LIST_CUES,
    COMPARE_CUES,
    MODEL_NOUNS,
    HELP_WORDS,
    ...Object.values(FOCUS_CUES),
  ]) {
    for (const w of set) lexicon.add(w);
  }
  // Typos are corrected towards names and the lexicon only: prose words would turn "paris" into "pairs".
  const vocabulary = new SearchableMap<number>();
  for (const w of [...nameWords, ...lexicon]) vocabulary.set(w, counts.get(w) ?? 1);
  return { bm25, vocabulary, nameWords, knownStems, docFreq, docCount: docs.length };
}

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
  const longest = Math.min(MAX_NAME_WORDS, longestName(kb));
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

const longestNames = new WeakMap<KnowledgeBase, number>();

function longestName(kb: KnowledgeBase): number {
  let n = longestNames.get(kb);
  if (n === undefined) {
    n = Math.max(1, ...[...kb.byName.keys()].map((k) => k.split(' ').length));
    longestNames.set(kb, n);
  }
  return n;
}

const compactNames = new WeakMap<KnowledgeBase, ReadonlyMap<string, string>>();

/** Names with their spaces taken out ("palm540b", "gpt4v"), for names typed as one word; ambiguous ones left out. */
function compactNamesOf(kb: KnowledgeBase): ReadonlyMap<string, string> {
  let map = compactNames.get(kb);
  if (!map) {
    const found = new Map<string, string | null>();
    for (const [key, id] of kb.byName) {
      if (!key.includes(' ')) continue;
      const compact = key.replace(/ /g, '');
      const prev = found.get(compact);
      found.set(compact, prev === undefined || prev === id ? id : null);
    }
    map = new Map([...found].filter((e): e is [string, string] => e[1] !== null));
    compactNames.set(kb, map);
  }
  return map;
}

function lookupName(kb: KnowledgeBase, phrase: readonly string[]): string | undefined {
  const key = phrase.join(' ');
  const exact = kb.byName.get(key);
  if (exact !== undefined) return exact;
  // One typed word with digits may be a spaced name run together: "palm540b" is "PaLM 540B".
  if (phrase.length === 1 && /\d/.test(key)) {
    const compact = compactNamesOf(kb).get(key);
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

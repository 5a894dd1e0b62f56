import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';
import { stemmer } from 'stemmer';
import {
  COMPARE_CUES,
  CONCEPT_CUES,
  EVERYDAY_WORDS,
  FOCUS_CUES,
  HELP_WORDS,
  LIST_CUES,
  MODEL_NOUNS,
  PRACTICAL_CUES,
  STOP_WORDS,
} from './lexicon.ts';
import { nameKey, normalizeText, tokenize } from './normalize.ts';
import type { Entry, Formula } from './schema.ts';
import { eachStep, runSteps, type Steps } from './steps.ts';

/** BM25 field boosts: names count most, then search keywords, then the prose. */
export const FIELD_BOOSTS = {
  title: 4,
  names: 3.5,
  keywords: 2.5,
  summary: 1.5,
  extra: 1,
  details: 0.6,
} as const;

export type IndexedDoc = {
  id: string;
  title: string;
  names: string;
  keywords: string;
  summary: string;
  extra: string;
  details: string;
};

/** A name as autocomplete offers it. */
export type NameEntry = { name: string; key: string; id: string; title: string };

/** Everything the query core searches, built once with the knowledge base. */
export type SearchIndex = {
  bm25: MiniSearch<IndexedDoc>;
  /** Words of names and of the lexicon → how often the knowledge base uses them, for typo correction. */
  vocabulary: SearchableMap<number>;
  /** Words that appear in some entry's names; preferred when correcting a typo. */
  nameWords: ReadonlySet<string>;
  /** Stems of every word of every entry's text, to tell known words from foreign ones. */
  knownStems: ReadonlySet<string>;
  /** Stem → how many entries use it: a word most entries use says little. */
  docFreq: ReadonlyMap<string, number>;
  docCount: number;
  /** The most words any name has. */
  longestName: number;
  /** First word of a name (and that word's plural) → the most words of a name that starts with it. */
  nameStarts: ReadonlyMap<string, number>;
  /** Names with their spaces taken out ("palm540b"), for names typed as one word; ambiguous ones left out. */
  compactNames: ReadonlyMap<string, string>;
  /** Keyword phrases (as name keys) → the entries that list them: how people describe an entry without naming it. */
  keywordPhrases: ReadonlyMap<string, readonly string[]>;
  /** The most words any keyword phrase has. */
  longestKeyword: number;
  /** First word of a keyword phrase → the most words of a phrase that starts with it. */
  keywordStarts: ReadonlyMap<string, number>;
  /** Each entry's keyword phrases of two or more searched words, as sets of stems, for loose matching. */
  keywordStems: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Every title and alias, for autocomplete. */
  names: readonly NameEntry[];
  fuzzyNames: Fuse<NameEntry>;
};

// fuse.js scores 0 (exact) to 1 (unrelated); beyond this a name is not what was meant.
const FUZZY_THRESHOLD = 0.35;

export function stem(word: string): string {
  return stemmer(word);
}

/** The stem a word is searched by, or null for a word that is never searched. */
export function processTerm(term: string): string | null {
  const t = term.toLowerCase();
  // Single letters (the Q, K and V of a formula) match everything and mean nothing on their own.
  if (t.length < 2 || STOP_WORDS.has(t) || MODEL_NOUNS.has(t) || /^(19|20)\d\d$/.test(t)) return null;
  // Porter keeps superlatives whole; "fastest" should find "fast".
  return stem(t.length > 6 && t.endsWith('est') ? t.slice(0, -3) : t);
}

function docOf(e: Entry, formulas: readonly Formula[]): IndexedDoc {
  const extra: string[] = [];
  if ('analogy' in e && e.analogy !== undefined) extra.push(e.analogy);
  if ('pros' in e) extra.push(...(e.pros ?? []), ...(e.cons ?? []));
  if (e.kind === 'training' && e.style) extra.push(e.style);
  // Formulas are searchable by their words and symbols: "softmax(QK^T)" finds self-attention.
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

/** A document with every field normalized: its words joined by single spaces. */
function normalizedDoc(d: IndexedDoc): IndexedDoc {
  return {
    id: d.id,
    title: normalizeText(d.title),
    names: normalizeText(d.names),
    keywords: normalizeText(d.keywords),
    summary: normalizeText(d.summary),
    extra: normalizeText(d.extra),
    details: normalizeText(d.details),
  };
}

/** The words of normalized text (fields joined with spaces, some of them empty). */
function words(normalized: string): string[] {
  return normalized.split(' ').filter((w) => w !== '');
}

function* compactNamesSteps(byName: ReadonlyMap<string, string>): Steps<Map<string, string>> {
  const found = new Map<string, string>();
  const ambiguous = new Set<string>();
  yield* eachStep(byName, ([key, id]) => {
    if (!key.includes(' ')) return;
    const compact = key.replace(/ /g, '');
    const prev = found.get(compact);
    if (prev === undefined) found.set(compact, id);
    else if (prev !== id) ambiguous.add(compact);
  });
  // Deleted at the end, not filtered into a copy: a large knowledge base has a hundred thousand of these.
  for (const compact of ambiguous) found.delete(compact);
  return found;
}

const FUSE_OPTIONS = {
  keys: ['key'],
  includeScore: true,
  threshold: FUZZY_THRESHOLD,
  ignoreLocation: true,
};

export function buildSearchIndex(
  entries: readonly Entry[],
  formulas: ReadonlyMap<string, readonly Formula[]>,
  byName: ReadonlyMap<string, string>,
  keyOf: (name: string) => string = nameKey,
): SearchIndex {
  return runSteps(searchIndexSteps(entries, formulas, byName, keyOf));
}

/** `buildSearchIndex` as steps, so a reload can build it a slice at a time. */
export function* searchIndexSteps(
  entries: readonly Entry[],
  formulas: ReadonlyMap<string, readonly Formula[]>,
  byName: ReadonlyMap<string, string>,
  keyOf: (name: string) => string = nameKey,
): Steps<SearchIndex> {
  // Indexing meets the same words over and over; their stems are worked out once per build.
  const termOf = new Map<string, string | null>();
  const indexTerm = (term: string): string | null => {
    let t = termOf.get(term);
    if (t === undefined) {
      t = processTerm(term);
      termOf.set(term, t);
    }
    return t;
  };
  const bm25 = new MiniSearch<IndexedDoc>({
    fields: ['title', 'names', 'keywords', 'summary', 'extra', 'details'],
    storeFields: [],
    // Documents are normalized once below, so indexing only splits them; questions are normalized as they come.
    tokenize: (text) => (text === '' ? [] : text.split(' ')),
    processTerm: indexTerm,
    searchOptions: {
      boost: FIELD_BOOSTS,
      combineWith: 'OR',
      prefix: false,
      fuzzy: false,
      tokenize: (text) => tokenize(text),
      processTerm,
    },
  });
  const docs: IndexedDoc[] = [];
  yield* eachStep(entries, (e) => docs.push(normalizedDoc(docOf(e, formulas.get(e.id) ?? []))));
  // One add per document is what addAll does; chunked, the result is the same.
  yield* eachStep(docs, (d) => bm25.add(d));

  const counts = new Map<string, number>();
  const nameWords = new Set<string>();
  const knownStems = new Set<string>();
  const docFreq = new Map<string, number>();
  yield* eachStep(docs, (d) => {
    for (const w of words(`${d.title} ${d.names}`)) nameWords.add(w);
    const stems = new Set<string>();
    for (const w of words(
      `${normalizeText(d.id)} ${d.title} ${d.names} ${d.keywords} ${d.summary} ${d.extra} ${d.details}`,
    )) {
      const seen = counts.get(w);
      counts.set(w, (seen ?? 0) + 1);
      if (seen === undefined) knownStems.add(stem(w));
      const t = indexTerm(w);
      if (t !== null) stems.add(t);
    }
    for (const t of stems) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
  });
  // Typos are corrected towards names and the lexicon only: prose words would turn "paris" into "pairs".
  const vocabulary = new SearchableMap<number>();
  yield* eachStep(nameWords, (w) => vocabulary.set(w, counts.get(w) ?? 1));
  // Everyday and practical words are in it too, so "vram" or "pricing" are never "corrected" into names.
  const lexicon = [
    STOP_WORDS,
    LIST_CUES,
    COMPARE_CUES,
    MODEL_NOUNS,
    HELP_WORDS,
    CONCEPT_CUES,
    EVERYDAY_WORDS,
  ];
  for (const set of [...lexicon, ...Object.values(FOCUS_CUES), ...Object.values(PRACTICAL_CUES)])
    for (const w of set) if (!vocabulary.has(w)) vocabulary.set(w, counts.get(w) ?? 1);
  yield;

  const keywordPhrases = new Map<string, string[]>();
  let longestKeyword = 1;
  const keywordStarts = new Map<string, number>();
  yield* eachStep(entries, (e) => {
    for (const k of e.keywords) {
      const key = nameKey(k);
      if (key === '') continue;
      const ids = keywordPhrases.get(key);
      if (!ids) keywordPhrases.set(key, [e.id]);
      // Entries come one at a time, so a repeat within one entry is always the last id added.
      else if (ids.at(-1) !== e.id) ids.push(e.id);
      const words = key.split(' ');
      longestKeyword = Math.max(longestKeyword, words.length);
      keywordStarts.set(words[0] ?? '', Math.max(keywordStarts.get(words[0] ?? '') ?? 0, words.length));
    }
  });
  const keywordStems = new Map<string, string[][]>();
  yield* eachStep(entries, (e) => {
    const sets = e.keywords
      .map((k) => [...new Set(tokenize(k).flatMap((w) => processTerm(w) ?? []))])
      .filter((set) => set.length >= 2);
    if (sets.length > 0) keywordStems.set(e.id, sets);
  });
  let longestName = 1;
  const nameStarts = new Map<string, number>();
  yield* eachStep(byName.keys(), (key) => {
    const words = key.split(' ');
    longestName = Math.max(longestName, words.length);
    // A question may write the first word in the plural ("transformers architecture").
    for (const first of [words[0] ?? '', `${words[0] ?? ''}s`])
      nameStarts.set(first, Math.max(nameStarts.get(first) ?? 0, words.length));
  });
  const names: NameEntry[] = [];
  yield* eachStep(entries, (e) => {
    for (const name of [e.title, ...e.aliases])
      names.push({ name, key: keyOf(name), id: e.id, title: e.title });
  });
  // Fuse would index every name at once; added one by one its records are the same, a chunk at a time.
  const fuzzyIndex = Fuse.createIndex<NameEntry>(FUSE_OPTIONS.keys, []);
  let at = 0;
  yield* eachStep(names, (n) => fuzzyIndex.add(n, at++));
  fuzzyIndex.setSources(names);
  const fuzzyNames = new Fuse(names, FUSE_OPTIONS, fuzzyIndex);
  const compactNames = yield* compactNamesSteps(byName);
  return {
    bm25,
    vocabulary,
    nameWords,
    knownStems,
    docFreq,
    docCount: docs.length,
    longestName,
    nameStarts,
    compactNames,
    keywordPhrases,
    longestKeyword,
    keywordStarts,
    keywordStems,
    names,
    fuzzyNames,
  };
}

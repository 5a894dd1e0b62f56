// Stage 1 of the question path: clean the text, split it into words, glue split names, correct typos.
import { COMPARE_CUES, FOCUS_CUES, LIST_CUES, MODEL_NOUNS, STOP_WORDS } from '../../kb/lexicon.ts';
import { capitalized, tokenize } from '../../kb/normalize.ts';
import { type SearchIndex, stem } from '../../kb/search-index.ts';
import { allowedEdits, MAX_QUESTION_CHARS, SWAP_ONLY_MAX_LENGTH } from '../tuning.ts';

/** A question broken down for the query core. */
export type Question = {
  /** The question as asked, cleaned of chat markup and cut to a sane length. */
  text: string;
  /** Its words, normalized and with typos corrected. */
  words: string[];
  /** For each word, whether it was written like a name (capitalised mid-sentence, or with inner capitals). */
  capitals: boolean[];
};

// Mentions and channel pings in Discord (<@1>, <@&1>, <#1>) and Slack (<!channel>, <@U1|name>) markup.
const CHAT_MARKUP = /<(?:[@#!]|@&)[^>\s]{0,80}>|@(?:everyone|here|channel)\b/giu;
// Control and format characters, and halves of characters (lone surrogates) that no platform can show.
const CONTROL = /[\p{Cc}\p{Cf}\p{Cs}]+/gu;

export function cleanQuestion(raw: string): string {
  return cutByCodePoint(plainText(cutByCodePoint(raw, MAX_QUESTION_CHARS * 4)).trim(), MAX_QUESTION_CHARS);
}

/** A text without chat markup, control characters or lone surrogates, its spaces collapsed; any length. */
export function plainText(raw: string): string {
  return raw.replace(CONTROL, ' ').replace(CHAT_MARKUP, ' ').replace(/\s+/g, ' ');
}

/** The first `max` UTF-16 units of a text, never ending in half a character. */
function cutByCodePoint(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

export function parseQuestion(index: SearchIndex, raw: string): Question {
  const text = cleanQuestion(raw);
  const tokens = tokenize(text);
  const caps = capitalized(text);
  // Folding case can change a word's length in rare scripts; then no word is read as written like a name.
  const flags = caps.length === tokens.length ? caps : tokens.map(() => false);
  const glued = glueNameParts(index, tokens, flags);
  return { text, words: glued.words.map((w) => correctWord(index, w)), capitals: glued.capitals };
}

/** Whether a word is filler for topic matching: a stop word, a cue, or a generic noun. */
export function isFiller(word: string): boolean {
  return (
    (word.length < 2 && !/\d/.test(word)) ||
    // A year ("as of June 2025") dates the question; it does not pick a topic.
    /^(19|20)\d\d$/.test(word) ||
    STOP_WORDS.has(word) ||
    LIST_CUES.has(word) ||
    COMPARE_CUES.has(word) ||
    MODEL_NOUNS.has(word) ||
    FOCUS_CUES.prosCons.has(word) ||
    FOCUS_CUES.analogy.has(word) ||
    FOCUS_CUES.formulas.has(word)
  );
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

/** Known words within `edits` of a typo: neighbours swapped, and for longer words any edits fuzzyGet finds. */
function candidatesOf(index: SearchIndex, word: string, edits: number): Map<string, number> {
  const found = new Map<string, number>();
  // fuzzyGet counts a swap as two edits; looking swaps up directly is exact and far cheaper than asking wider.
  for (let i = 0; i + 1 < word.length; i++) {
    const swapped = word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
    const count = index.vocabulary.get(swapped);
    if (count !== undefined) found.set(swapped, count);
  }
  if (word.length > SWAP_ONLY_MAX_LENGTH)
    for (const [candidate, [count]] of index.vocabulary.fuzzyGet(word, edits)) found.set(candidate, count);
  return found;
}

/** Glues pieces of a name back together: "UL-2" → "ul2", "codet-5" → "codet5", "gpt 4 v" → "gpt4v". */
export function glueNameParts(
  index: SearchIndex,
  words: readonly string[],
  flags: readonly boolean[] = words.map(() => false),
): { words: string[]; capitals: boolean[] } {
  const out: string[] = [];
  const capitals: boolean[] = [];
  words.forEach((w, i) => {
    const prev = out[out.length - 1];
    // Only a digit or a single letter is glued on, so ordinary words never merge into names; a first
    // piece that is a name word itself ("gpt" in "gpt 4 vision") stays apart, as multi-word names need it.
    const glue = prev !== undefined && !index.nameWords.has(prev) && (/^\d+$/.test(w) || w.length === 1);
    if (glue && index.nameWords.has(prev + w)) out[out.length - 1] = prev + w;
    else {
      out.push(w);
      capitals.push(flags[i] ?? false);
    }
  });
  return { words: out, capitals };
}

/** The word a typo most likely meant, or the word itself when it is known or nothing is close. */
export function correctWord(index: SearchIndex, word: string): string {
  // Only words the knowledge base does not know are corrected: known words cost one lookup.
  if (index.vocabulary.has(word) || /\d/.test(word) || index.knownStems.has(stem(word))) return word;
  const edits = allowedEdits(word.length);
  if (edits === 0) return word;
  let best: { word: string; distance: number; score: number } | undefined;
  for (const [candidate, count] of candidatesOf(index, word, edits)) {
    const distance = editDistance(word, candidate);
    if (distance > edits) continue;
    const score = (index.nameWords.has(candidate) ? 1000 : 0) + count;
    if (!best || distance < best.distance || (distance === best.distance && score > best.score)) {
      best = { word: candidate, distance, score };
    }
  }
  return best?.word ?? word;
}

import { COMPARE_CUES, FOCUS_CUES, LIST_CUES, MODEL_NOUNS, SIZE_UNITS, STOP_WORDS } from '../kb/lexicon.ts';
import { tokenize } from '../kb/normalize.ts';
import type { Focus } from './answer.ts';
import { correctWord, glueNameParts, type SearchIndex } from './search.ts';
import { MAX_QUESTION_CHARS } from './tuning.ts';

/** A question broken down for the query core. */
export type Question = {
  /** The question as asked, cleaned of chat markup and cut to a sane length. */
  text: string;
  /** Its words, normalized and with typos corrected. */
  words: string[];
};

/** A parameter-count bound a question asks about ("under 1B parameters"). */
export type SizeBound = { min?: number; max?: number; exact?: number };

// Mentions and channel pings in Discord (<@1>, <@&1>, <#1>) and Slack (<!channel>, <@U1|name>) markup.
const CHAT_MARKUP = /<(?:[@#!]|@&)[^>\s]{0,80}>|@(?:everyone|here|channel)\b/giu;
const CONTROL = /[\p{Cc}\p{Cf}]+/gu;

export function cleanQuestion(raw: string): string {
  return raw
    .slice(0, MAX_QUESTION_CHARS * 4)
    .replace(CONTROL, ' ')
    .replace(CHAT_MARKUP, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUESTION_CHARS);
}

export function parseQuestion(index: SearchIndex, raw: string): Question {
  const text = cleanQuestion(raw);
  const words = glueNameParts(index, tokenize(text)).map((w) => correctWord(index, w));
  return { text, words };
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

export function detectFocus(words: readonly string[]): Focus {
  const has = (set: ReadonlySet<string>) => words.some((w) => set.has(w));
  if (has(FOCUS_CUES.formulas)) return 'formulas';
  if (has(FOCUS_CUES.prosCons)) return 'pros-cons';
  const joined = ` ${words.join(' ')} `;
  if (has(FOCUS_CUES.analogy) && !/ five (billion|b|million|m) /.test(joined)) return 'analogy';
  if (/ (in )?(plain|simple|everyday|normal) (english|words|terms|language) /.test(joined)) return 'analogy';
  return 'overview';
}

export function hasCompareCue(words: readonly string[]): boolean {
  const joined = ` ${words.join(' ')} `;
  return (
    words.some(
      (w) => w === 'vs' || w === 'versus' || w === 'v' || w.startsWith('compar') || w.startsWith('differ'),
    ) ||
    / (contrast|distinguish|against|between|better|worse|faster|slower|similar|similarities|tradeoffs?) /.test(
      joined,
    ) ||
    / (which|what) .* or /.test(joined) ||
    / (less|more|lower|higher) \w+ than /.test(joined)
  );
}

/** An explicit request to compare, as opposed to "different" or "which" that also appear in lists. */
export function hasStrongCompareCue(words: readonly string[]): boolean {
  return words.some(
    (w) =>
      w === 'vs' ||
      w === 'versus' ||
      w.startsWith('compar') ||
      w === 'difference' ||
      w === 'differences' ||
      w === 'contrast',
  );
}

export function hasListCue(words: readonly string[]): boolean {
  const joined = ` ${words.join(' ')} `;
  return (
    words.some((w) => LIST_CUES.has(w)) ||
    / (what|who) (are|is|were) (the )?(models|llms|ones|products) /.test(joined) ||
    / what (are|were) (the |some )?(\w+ ){1,3}(models|llms)( |$)/.test(joined) ||
    / (what|which) (models|llms|products) /.test(joined) ||
    / (give|show|tell) me (some|a few|the)? ?(models|llms) /.test(joined) ||
    / (any|some|the) (models|llms) (that|which|with|are|in|for|under|over|above|below) /.test(joined) ||
    /^ (models|llms) /.test(joined)
  );
}

const SIZE_PATTERN =
  /(?:\b(under|below|less than|fewer than|smaller than|lower than|beneath|sub|over|above|more than|greater than|larger than|bigger than|exceeding|at least|at most|up to)[\s-]+|([<>])\s*)?(\d+(?:[.,]\d+)?)\s*(k|m|mn|b|bn|t|thousand|million|billion|trillion)\b(\s*\+|\s+or\s+(?:more|above|larger|bigger|less|fewer|smaller|below))?(\s+param)?/i;
const ABOVE_WORDS = /^(over|above|more than|greater than|larger than|bigger than|exceeding|at least|>)$/i;

const SIZE_RANGE_PATTERN =
  /(\d+(?:[.,]\d+)?)\s*(k|m|mn|b|bn|t|thousand|million|billion|trillion)?\s*(?:-|–|to|and)\s*(\d+(?:[.,]\d+)?)\s*(k|m|mn|b|bn|t|thousand|million|billion|trillion)\b/i;

/** A parameter count the question names, with "under"/"over" when given ("models under 1B parameters"). */
export function detectSize(text: string): SizeBound | undefined {
  const r = text.match(SIZE_RANGE_PATTERN);
  if (r?.[1] && r[3] && r[4]) {
    const high = SIZE_UNITS[r[4].toLowerCase()] ?? 1;
    const low = r[2] ? (SIZE_UNITS[r[2].toLowerCase()] ?? high) : high;
    return { min: Number(r[1].replace(',', '.')) * low, max: Number(r[3].replace(',', '.')) * high };
  }
  const m = text.match(SIZE_PATTERN);
  if (!m) return undefined;
  const [, word, sign, number, unit, suffix, param] = m;
  const factor = SIZE_UNITS[(unit ?? '').toLowerCase()];
  if (number === undefined || factor === undefined) return undefined;
  const comparator = word ?? sign;
  const spelled = (unit ?? '').length > 2;
  const glued = !/\s/.test(
    m[0].slice(m[0].indexOf(number) + number.length, m[0].indexOf(number) + number.length + 1),
  );
  // "a 1 b" is too ambiguous; a count needs a comparator, a spelled unit, "B" glued on, or "parameters".
  if (!comparator && !spelled && !glued && !param && !suffix) return undefined;
  const value = Number(number.replace(',', '.')) * factor;
  if (suffix) return /\+|more|above|larger|bigger/i.test(suffix) ? { min: value } : { max: value };
  if (comparator) return ABOVE_WORDS.test(comparator) ? { min: value } : { max: value };
  return { exact: value };
}

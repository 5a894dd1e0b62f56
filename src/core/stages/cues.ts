// Signals of what a question asks for: a focus, a comparison, a list, a parameter count.
import { FOCUS_CUES, LIST_CUES, SIZE_UNITS } from '../../kb/lexicon.ts';
import type { Focus } from '../answer.ts';

/** A parameter-count bound a question asks about ("under 1B parameters"). */
export type SizeBound = { min?: number; max?: number; exact?: number };

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
    // "is X any better than Y", "X over Y for chat", "how does X stack up against Y"
    / (better|worse|faster|slower|cheaper|bigger|smaller|stronger|weaker) than /.test(joined) ||
    words.some(
      (w) =>
        w === 'vs' ||
        w === 'versus' ||
        w === 'v' ||
        w === 'diff' ||
        w.startsWith('compar') ||
        w.startsWith('differ'),
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

// A count of tokens, words or bytes is not a parameter count.
const NOT_PARAMETERS =
  /^\s*(tokens?|words?|characters?|chars?|images?|hours?|bytes?|gb|mb|examples?|samples?|steps?|context)\b/i;

const SIZE_PATTERN =
  /(?:\b(under|below|less than|fewer than|smaller than|lower than|beneath|sub|over|above|more than|greater than|larger than|bigger than|exceeding|at least|at most|up to)[\s-]+|([<>])\s*)?(\d+(?:[.,]\d+)?)\s*(k|m|mn|b|bn|t|thousand|million|billion|trillion)\b(\s*\+|\s+or\s+(?:more|above|larger|bigger|less|fewer|smaller|below))?(\s+param)?/i;
const ABOVE_WORDS = /^(over|above|more than|greater than|larger than|bigger than|exceeding|at least|>)$/i;

const SIZE_RANGE_PATTERN =
  /(\d+(?:[.,]\d+)?)\s*(k|m|mn|b|bn|t|thousand|million|billion|trillion)?\s*(?:-|–|to|and)\s*(\d+(?:[.,]\d+)?)\s*(k|m|mn|b|bn|t|thousand|million|billion|trillion)\b/i;

/** A parameter count the question names, with "under"/"over" when given ("models under 1B parameters"). */
export function detectSize(raw: string): SizeBound | undefined {
  // "a billion", "one million": a count written in words. Sizes inside names ("qwen-32b", "v2.1-7B") are not asked for.
  const text = raw
    .replace(/[\w.]*[a-z:.-]\d+(\.\d+)?[bm]\b[\w.-]*/gi, (m) => (/^(sub|under|over)-/i.test(m) ? m : ' '))
    .replace(/\b(?:a|one)\s+(thousand|million|billion|trillion)\b/gi, '1 $1');
  const r = text.match(SIZE_RANGE_PATTERN);
  if (r?.[1] && r[3] && r[4]) {
    const high = SIZE_UNITS[r[4].toLowerCase()] ?? 1;
    const low = r[2] ? (SIZE_UNITS[r[2].toLowerCase()] ?? high) : high;
    return { min: Number(r[1].replace(',', '.')) * low, max: Number(r[3].replace(',', '.')) * high };
  }
  const m = text.match(SIZE_PATTERN);
  if (!m || NOT_PARAMETERS.test(text.slice((m.index ?? 0) + m[0].length))) return undefined;
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

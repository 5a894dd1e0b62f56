// The hand-set knobs that remain. Whether to answer or decline is not one of them: the scope and
// decision stages fit that to real questions (src/core/fitted.json, `npm run train`).

/** A text hit may stand in for a side of a comparison, or a category within a dimension, only at or above this score... */
export const CONFIDENT_HIT_SCORE = 3.5;
/** ...and when it matches at least this share of the words it was given. */
export const CONFIDENT_HIT_COVERAGE = 0.6;
/** A hit that covers more words may win over the best-scored one, but not from below this share of its score. */
export const MIN_SHARE_OF_TOP_SCORE = 0.4;
/** A name match is set aside for a text hit that matches this many more meaningful words. */
export const OVERRIDE_MARGIN = 2;
/** A word in at most this share of entries (or this many) is rare enough to steer an answer away from a name. */
export const RARE_WORD_SHARE = 0.05;
export const RARE_WORD_MIN_DOCS = 4;
/**
 * A word in more entries than this share (and this many) is left out of text search: it says little, and
 * scoring thousands of entries for it is what slows a large knowledge base. The real one is smaller than
 * the floor, so there no word is ever left out.
 */
export const COMMON_WORD_SHARE = 0.01;
export const COMMON_WORD_MIN_DOCS = 250;
/** Text search keeps at most this many hits, best first: callers read the top few. */
export const MAX_TEXT_HITS = 40;
/** At most this many "did you mean" suggestions. */
export const MAX_SUGGESTIONS = 3;

/** Typo tolerance by word length: edits allowed (a swap of two neighbouring letters counts as one). */
export function allowedEdits(length: number): number {
  if (length <= 2) return 0;
  if (length <= 7) return 1;
  return 2;
}
/** Short words may only be corrected by a swap of two letters ("rhlf", "bret"), never by a substitution. */
export const SWAP_ONLY_MAX_LENGTH = 4;

/** The longest name, in words, that is looked for in a question. */
export const MAX_NAME_WORDS = 8;
/** Questions are cut to this many characters before any work. */
export const MAX_QUESTION_CHARS = 500;
/** A question of at most this many meaningful words names whatever it mentions, everyday words included. */
export const SHORT_QUESTION_WORDS = 2;

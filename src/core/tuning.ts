// Every search tuning knob in one place; test/core/ask.test.ts measures their effect on the question set.

/** A BM25 hit is accepted only at or above this score... */
export const MIN_BM25_SCORE = 3.5;
/** ...and when it matches at least this share of the question's meaningful words. */
export const MIN_BM25_COVERAGE = 0.6;
/** A hit that covers more words may win over the best-scored one, but not from below this share of its score. */
export const MIN_SHARE_OF_TOP_SCORE = 0.4;
/** A hit this far below the best one is not offered as a suggestion. */
export const SUGGESTION_SCORE_RATIO = 0.5;
/** Partial hits offered as "did you mean" must match at least this share of the meaningful words. */
export const MIN_SUGGESTION_COVERAGE = 0.34;
export const MAX_SUGGESTIONS = 3;

/** A name match is set aside for a BM25 hit that matches this many more meaningful words. */
export const BM25_OVERRIDE_MARGIN = 2;
/** A word in at most this share of entries (or this many) is rare enough to steer an answer away from a name. */
export const RARE_WORD_SHARE = 0.05;
export const RARE_WORD_MIN_DOCS = 4;
/** A lone name match among this many words the knowledge base has never seen is treated as off-topic. */
export const MAX_UNKNOWN_WORDS = 2;

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

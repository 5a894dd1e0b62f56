function fold(input: string, lower: boolean): string {
  const plain = input
    .normalize('NFKD')
    // Big-O notation reads as a word, so "O(n)" in a question meets "O(n) memory" in the knowledge base.
    .replace(/\bO\s*\(\s*n\s*(?:\^\s*2|2|²)\s*\)/gi, ' quadratic ')
    .replace(/\bO\s*\(\s*n\s*\)/gi, ' linear ')
    .replace(/\p{M}+/gu, '');
  return (lower ? plain.toLowerCase() : plain)
    .replace(/[·•]/g, '-')
    .replace(/[^\p{L}\p{N}+<]+/gu, ' ')
    .trim();
}

/** Folds a name or question to a comparable form: lower case, no accents, words split on anything else. */
export function normalizeText(input: string): string {
  return fold(input, true);
}

/**
 * For each word of `tokenize(input)`, whether it was written as a name: capitalised after the first word
 * ("when did CLIP come out") or with a capital inside it ("GPT", "PaLM").
 */
export function capitalized(input: string): boolean[] {
  const raw = fold(input, false);
  const words = raw === '' ? [] : raw.split(' ');
  return words.map((w, i) => /\p{Lu}.*\p{Lu}/u.test(w) || (i > 0 && /^\p{Lu}/u.test(w)));
}

/** Words of a normalized text. */
export function tokenize(input: string): string[] {
  const folded = normalizeText(input);
  return folded === '' ? [] : folded.split(' ');
}

/** The key an alias or title is indexed under: its words joined by one space. */
export function nameKey(name: string): string {
  return tokenize(name).join(' ');
}

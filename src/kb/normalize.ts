/** Folds a name or question to a comparable form: lower case, no accents, words split on anything else. */
export function normalizeText(input: string): string {
  return (
    input
      .normalize('NFKD')
      // Big-O notation reads as a word, so "O(n)" in a question meets "O(n) memory" in the knowledge base.
      .replace(/\bO\s*\(\s*n\s*(?:\^\s*2|2|²)\s*\)/gi, ' quadratic ')
      .replace(/\bO\s*\(\s*n\s*\)/gi, ' linear ')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[·•]/g, '-')
      .replace(/[^\p{L}\p{N}+<]+/gu, ' ')
      .trim()
  );
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

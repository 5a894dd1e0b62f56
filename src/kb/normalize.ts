function fold(input: string, lower: boolean): string {
  // Plain ASCII has no accents to take off: skipping that work halves the cost of indexing a large knowledge base.
  const decomposed = /^[ -~\t\n\r]*$/.test(input) ? input : input.normalize('NFKD').replace(/\p{M}+/gu, '');
  // Big-O notation reads as a word, so "O(n)" in a question meets "O(n) memory" in the knowledge base.
  const plain = decomposed.includes('(')
    ? decomposed
        .replace(/\bO\s*\(\s*n\s*(?:\^\s*2|2|²)\s*\)/gi, ' quadratic ')
        .replace(/\bO\s*\(\s*n\s*\)/gi, ' linear ')
    : decomposed;
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

/** `nameKey` remembering its answers, for one load: a large knowledge base's names are keyed at several steps. */
export function nameKeys(): (name: string) => string {
  const keys = new Map<string, string>();
  return (name) => {
    let key = keys.get(name);
    if (key === undefined) {
      key = nameKey(name);
      keys.set(name, key);
    }
    return key;
  };
}

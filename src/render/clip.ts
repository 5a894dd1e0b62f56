// Text cut for platform limits: by code point, so an emoji or accented letter is never split in two.

/** Cuts text to at most `max` UTF-16 units (the unit platform limits count), ending with "…" when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}

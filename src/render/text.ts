import type { ButtonGroup, Card, Section } from './card.ts';

/** A terminal is roomy, but a wall of text is not an answer. */
export const DEFAULT_WIDTH = 88;

export type TextOptions = { width?: number };

/** Columns a string takes: code points, so "𝔼" or "é" count once. */
function columns(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Wraps prose to the width, keeping words whole (a word longer than the width gets a line of its own).
 * `indent` starts every line; `hang`, when given, starts every line after a paragraph's first.
 */
export function wrap(text: string, width = DEFAULT_WIDTH, indent = '', hang = indent): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let lead = indent;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line !== '' && columns(lead) + columns(line) + columns(word) + 1 > width) {
        out.push(lead + line);
        line = word;
        lead = hang;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    out.push(line === '' ? '' : lead + line);
  }
  return out.join('\n');
}

function heading(text: string, width: number): string {
  const title = wrap(text, width);
  const longest = Math.max(...title.split('\n').map(columns));
  return `${title}\n${'═'.repeat(Math.max(1, Math.min(longest, width)))}`;
}

const USAGE = [
  'Type a question at the prompt. "tour" walks you through the taxonomy, "quiz" tests you,',
  '"history" lists what you asked, "quit" leaves.',
].join(' ');

const MARKS = { right: '  ✔', wrong: '  ✘', none: '' } as const;

function sectionLines(s: Section, width: number): string[] {
  const titled = (title: string | undefined, lines: readonly string[]) =>
    title ? ['', wrap(`${title}:`, width), ...lines] : ['', ...lines];
  const bullet = (item: string) => wrap(`• ${item}`, width, '  ', '    ');
  switch (s.type) {
    case 'prose':
      return s.title ? titled(s.title, [wrap(s.text, width, '  ')]) : ['', wrap(s.text, width)];
    case 'bullets':
      return titled(s.title, s.items.map(bullet));
    case 'inline':
      return ['', wrap(`${s.title}: ${s.text}`, width)];
    case 'fields':
      return titled(
        s.title,
        s.fields.map((f) => wrap(`${f.label}: ${f.value}`, width, '  ')),
      );
    case 'formulas':
      return titled(
        s.title,
        s.formulas.map((f) => wrap(`${f.name}: ${f.unicode}`, width, '  ', '      ')),
      );
    case 'table':
      return s.rows.flatMap((row) => [
        '',
        `${row.aspect}:`,
        ...row.values.map((v, i) => {
          const name = s.columns[i] ?? '';
          const [first = '', ...more] = v.split('\n');
          const pad = ' '.repeat(name.length + 4);
          return [wrap(`${name}: ${first}`, width, '  '), ...more.map((m) => wrap(m, width, pad))].join('\n');
        }),
      ]);
    case 'options':
      return [
        '',
        ...s.options.map((o) =>
          wrap(`${o.letter}) ${o.label}${MARKS[o.mark ?? 'none']}`, width, '  ', '     '),
        ),
      ];
    case 'examples':
      return titled(
        s.title,
        s.questions.map((q) => wrap(`• ${q}`, width, '  ', '    ')),
      );
    case 'usage':
      return ['', wrap(USAGE, width)];
  }
}

function quoted(keys: readonly string[]): string {
  const q = keys.map((k) => `"${k}"`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} or ${q.at(-1)}`;
}

/** What a group of buttons becomes in a terminal: a line to read, or the words to type. */
function groupLines(group: ButtonGroup, width: number): string[] {
  const live = group.buttons.filter((b) => !b.disabled);
  const names = live.map((b) => b.label).join(', ');
  switch (group.role) {
    case 'related':
      return ['', wrap(`See also: ${names}`, width)];
    case 'suggestions':
      return ['', wrap(`Did you mean: ${names}?`, width)];
    case 'topics':
      return ['', 'Ask about anything on this page by name.'];
    case 'nav': {
      const keys = live.flatMap((b) => (b.key ? [b.key] : []));
      return keys.length === 0 ? [] : ['', `Type ${quoted(keys)}.`];
    }
    case 'options': {
      const letters = live.flatMap((b) => (b.key ? [b.key.toUpperCase()] : []));
      return letters.length === 0 ? [] : ['', `Answer with a letter (${letters[0]}–${letters.at(-1)}).`];
    }
  }
}

/** Plain text for the terminal and the CLI. */
export function cardToText(card: Card, options: TextOptions = {}): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const lines: string[] = [];
  if (card.eyebrow) lines.push(wrap(card.eyebrow, width));
  if (card.title) lines.push(heading(card.title, width));
  if (card.body) lines.push(wrap(card.body, width));
  for (const s of card.sections) lines.push(...sectionLines(s, width));
  for (const g of card.actions) lines.push(...groupLines(g, width));
  if (card.footer) lines.push('', wrap(card.footer, width));
  return lines.join('\n').replace(/^\n+/, '');
}

import type { Answer, ComparisonRow, EntryRef } from '../core/answer.ts';
import type { Entry } from '../kb/schema.ts';
import { listHeading, listIntro, QUIZ_LETTERS } from './sections.ts';

// A terminal is roomy, but a wall of text is not an answer.
const WRAP_WIDTH = 88;
const MAX_QUERY_ECHO = 120;

function heading(text: string): string {
  return `${text}\n${'═'.repeat(Math.min(text.length, WRAP_WIDTH))}`;
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length === 0 ? [] : ['', `${title}:`, ...lines];
}

function bullets(items: readonly string[]): string[] {
  return items.map((i) => `  • ${i}`);
}

function titles(items: readonly EntryRef[]): string {
  return items.map((i) => i.title).join(', ');
}

/** Wraps prose to the terminal width, keeping words whole. */
export function wrap(text: string, width = WRAP_WIDTH, indent = ''): string {
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line !== '' && line.length + word.length + 1 > width - indent.length) {
        out.push(indent + line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    out.push(indent + line);
  }
  return out.join('\n');
}

function entryBody(answer: Extract<Answer, { kind: 'topic' }>): string[] {
  const e: Entry = answer.entry;
  const parts: Record<string, string[]> = {
    formulas: section(
      'Formulas',
      answer.formulas.map((f) => `  ${f.name}: ${f.unicode}`),
    ),
    prosCons: 'pros' in e ? [...section('Pros', bullets(e.pros)), ...section('Cons', bullets(e.cons))] : [],
    analogy: 'analogy' in e ? section("In layman's terms", [`  ${e.analogy}`]) : [],
  };
  const lead =
    answer.focus === 'formulas'
      ? ['formulas']
      : answer.focus === 'pros-cons'
        ? ['prosCons']
        : answer.focus === 'analogy'
          ? ['analogy']
          : [];
  const order = [...lead, ...['formulas', 'prosCons', 'analogy'].filter((k) => !lead.includes(k))];
  const lines: string[] = [];
  if (answer.focus === 'formulas' && answer.formulas.length === 0)
    lines.push('', `(No formula is given for ${e.title}.)`);
  if (answer.focus === 'pros-cons' && !('pros' in e))
    lines.push('', `(No pros and cons are given for ${e.title}.)`);
  if (answer.focus === 'analogy' && !('analogy' in e))
    lines.push('', `(No layman's analogy is given for ${e.title}.)`);
  for (const k of order.slice(0, lead.length)) lines.push(...(parts[k] ?? []));
  if (e.details) lines.push('', wrap(e.details));
  if (e.kind === 'architecture') {
    lines.push(
      ...section('Complexity', [
        `  Time: ${e.complexity.time}`,
        `  Memory: ${e.complexity.memory}`,
        `  ${e.complexity.processing}`,
      ]),
    );
  }
  for (const k of order.slice(lead.length)) lines.push(...(parts[k] ?? []));
  return lines;
}

function topicText(answer: Extract<Answer, { kind: 'topic' }>): string {
  const e = answer.entry;
  const lines = [heading(e.title), wrap(e.summary)];
  lines.push(...entryBody(answer));
  if (e.kind === 'training' && e.style) lines.push('', `Style: ${e.style}`);
  if (answer.members.length > 0) {
    const label = e.kind === 'dimension' ? 'Categories' : e.kind === 'root' ? 'Dimensions' : 'Examples';
    lines.push('', `${label} (as of ${answer.asOf}): ${titles(answer.members)}`);
  }
  if (e.kind === 'category' && e.examplesText) lines.push('', `Examples: ${e.examplesText}`);
  if (e.kind === 'category' && e.range) lines.push(`Range: ${e.range.label}`);
  if (answer.placements.length > 0) {
    lines.push(
      ...section(
        'Where it sits in the taxonomy',
        answer.placements.map((p) => `  ${p.dimension.title}: ${titles(p.categories)}`),
      ),
    );
  }
  if (e.kind === 'model') {
    const facts = [
      e.developer ? `Developer: ${e.developer}` : '',
      e.year ? `Year: ${e.year}` : '',
      e.parameters ? `Parameters: ${e.parameters}` : '',
    ].filter(Boolean);
    if (facts.length > 0) lines.push('', facts.join(' · '));
  }
  if (e.note) lines.push('', wrap(`Note: ${e.note}`));
  if (answer.parent) lines.push('', `Part of: ${answer.parent.title}`);
  if (answer.related.length > 0) lines.push(`See also: ${titles(answer.related)}`);
  return lines.join('\n');
}

function compareText(answer: Extract<Answer, { kind: 'compare' }>): string {
  const names = answer.entries.map((e) => e.title);
  const lines = [heading(names.join(' vs ')), ''];
  for (const row of answer.rows) lines.push(...compareRow(row, names));
  if (answer.keyDifference) lines.push(wrap(`Key difference: ${answer.keyDifference}`));
  return lines.join('\n').trimEnd();
}

function compareRow(row: ComparisonRow, names: readonly string[]): string[] {
  const out = [`${row.aspect}:`];
  row.values.forEach((v, i) => {
    const [first = '', ...more] = v.split('\n');
    out.push(wrap(`${names[i]}: ${first}`, WRAP_WIDTH, '  '));
    for (const m of more) out.push(`  ${' '.repeat((names[i] ?? '').length + 2)}${m}`);
  });
  out.push('');
  return out;
}

function listText(answer: Extract<Answer, { kind: 'list' }>): string {
  const s = answer.subject;
  const lines: string[] = [];
  if (answer.criteria.length > 1) {
    lines.push(heading(listHeading(answer)));
    lines.push(
      `${listIntro(answer).replace(/\.$/, '')}${answer.items.length > 0 ? ` (as of ${answer.asOf}):` : '.'}`,
    );
  } else {
    lines.push(heading(s.title), wrap(s.summary));
    if (answer.groups.length === 0) {
      if (answer.items.length > 0)
        lines.push(
          '',
          `${answer.items.length} example${answer.items.length === 1 ? '' : 's'} (as of ${answer.asOf}):`,
        );
      else if (s.kind === 'category' && s.examplesText) lines.push('', `Examples: ${s.examplesText}`);
      else lines.push('', 'The cheat sheet names no examples here.');
    }
  }
  if (answer.groups.length > 0) {
    for (const g of answer.groups) {
      lines.push('', `${g.entry.title} — ${g.summary}`);
      if (g.items.length > 0) lines.push(`  ${titles(g.items)}`);
    }
    lines.push('', `(Products as of ${answer.asOf}.)`);
  } else lines.push(...bullets(answer.items.map((i) => i.title)));
  if (s.kind === 'dimension' && s.keyDifference && answer.criteria.length === 1) {
    lines.push('', wrap(`Key difference: ${s.keyDifference}`));
  }
  return lines.join('\n');
}

function helpText(answer: Extract<Answer, { kind: 'help' }>): string {
  return [
    heading('LLM taxonomy bot'),
    'I answer questions about the taxonomy of LLMs and AI models: six ways to classify them',
    `(${answer.dimensions.map((d) => d.title.replace(/^By /, '')).join(', ')}),`,
    'with formulas, pros and cons, and plain-language analogies.',
    '',
    'Try:',
    ...bullets(answer.examples),
  ].join('\n');
}

function noneText(answer: Extract<Answer, { kind: 'none' }>): string {
  const q =
    answer.query.length > MAX_QUERY_ECHO ? `${answer.query.slice(0, MAX_QUERY_ECHO - 1)}…` : answer.query;
  const lines = [
    q === ''
      ? "I didn't catch a question there."
      : `I don't know about "${q}": I only know about the taxonomy of LLMs and AI models.`,
  ];
  if (answer.suggestions.length > 0)
    lines.push(`Did you mean: ${answer.suggestions.map((s) => s.title).join(', ')}?`);
  lines.push('Try "what is RLHF", "transformer vs rnn" or "which models are multimodal" (or "help").');
  return lines.join('\n');
}

export { QUIZ_LETTERS };

function tourText(answer: Extract<Answer, { kind: 'tour' }>): string {
  const p = answer.content;
  const lines = [heading(`Tour ${answer.page}/${answer.total} · ${p.title}`), wrap(p.intro)];
  for (const item of p.items) {
    lines.push('', `${item.heading}:`);
    for (const f of item.formulas ?? []) lines.push(`  ${f}`);
    for (const l of item.lines) lines.push(wrap(l, WRAP_WIDTH, '  '));
  }
  const nav = [answer.page > 1 ? '"back"' : '', answer.page < answer.total ? '"next"' : '']
    .filter(Boolean)
    .join(' or ');
  lines.push(
    '',
    `Page ${answer.page} of ${answer.total}${nav ? `: type ${nav}` : ''}. Ask about anything on this page by name.`,
  );
  return lines.join('\n');
}

function quizText(answer: Extract<Answer, { kind: 'quiz' }>): string {
  const q = answer.question;
  const title = q.topic ? `Quiz · ${q.topic.title}` : 'Quiz';
  const lines = [heading(title), wrap(q.prompt)];
  if (q.formula) lines.push(`  ${q.formula}`);
  lines.push('', ...q.options.map((o, i) => `  ${QUIZ_LETTERS[i]}) ${o.title}`));
  if (!answer.result) {
    lines.push(
      '',
      `Answer with a letter (A–${QUIZ_LETTERS[q.options.length - 1]}). Streak: ${answer.streak}.`,
    );
    return lines.join('\n');
  }
  const right = q.options[q.correct];
  lines.push(
    '',
    answer.result.right
      ? '✔ Right!'
      : `✘ Not quite: the answer is ${QUIZ_LETTERS[q.correct]}) ${right?.title ?? ''}.`,
    wrap(q.explanation),
    '',
    `Streak: ${answer.streak}. Type "next" for another question.`,
  );
  return lines.join('\n');
}

/** Plain text for the terminal and the CLI. */
export function answerToText(answer: Answer): string {
  switch (answer.kind) {
    case 'tour':
      return tourText(answer);
    case 'quiz':
      return quizText(answer);
    case 'topic':
      return topicText(answer);
    case 'compare':
      return compareText(answer);
    case 'list':
      return listText(answer);
    case 'help':
      return helpText(answer);
    case 'none':
      return noneText(answer);
  }
}

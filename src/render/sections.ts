import type { Answer, EntryRef } from '../core/answer.ts';

// The parts of an answer every chat renderer shows, in the order the question's focus asks for.
// Renderers only decide how a section looks on their platform.

export type SectionStyle = 'prose' | 'bullets' | 'code' | 'inline';
export type Section = { key: string; title: string; lines: string[]; style: SectionStyle };

type TopicAnswer = Extract<Answer, { kind: 'topic' }>;
type CompareAnswer = Extract<Answer, { kind: 'compare' }>;

export function titles(items: readonly EntryRef[]): string {
  return items.map((i) => i.title).join(', ');
}

const LEAD: Record<TopicAnswer['focus'], readonly string[]> = {
  overview: [],
  'pros-cons': ['pros', 'cons'],
  analogy: ['analogy'],
  formulas: ['formulas'],
};

/** A topic answer's sections, the asked-for ones first. */
export function topicSections(answer: TopicAnswer): Section[] {
  const e = answer.entry;
  const sections: Section[] = [];
  const add = (key: string, title: string, lines: readonly string[], style: SectionStyle) => {
    const kept = lines.filter((l) => l.trim() !== '');
    if (kept.length > 0) sections.push({ key, title, lines: kept, style });
  };
  if (e.details) add('details', 'More', [e.details], 'prose');
  add(
    'formulas',
    'Formulas',
    answer.formulas.map((f) => `${f.name}: ${f.unicode}`),
    'code',
  );
  if (e.kind === 'architecture') {
    add(
      'complexity',
      'Complexity',
      [`Time: ${e.complexity.time}`, `Memory: ${e.complexity.memory}`, e.complexity.processing],
      'bullets',
    );
  }
  if ('pros' in e) {
    add('pros', 'Pros', e.pros, 'bullets');
    add('cons', 'Cons', e.cons, 'bullets');
    add('analogy', "In layman's terms", [e.analogy], 'prose');
  }
  if (e.kind === 'training' && e.style) add('style', 'Style', [e.style], 'inline');
  if (answer.members.length > 0) {
    const label = e.kind === 'dimension' ? 'Categories' : e.kind === 'root' ? 'Dimensions' : 'Examples';
    add('members', `${label} (as of ${answer.asOf})`, [titles(answer.members)], 'inline');
  }
  if (e.kind === 'category' && e.examplesText) add('examplesText', 'Examples', [e.examplesText], 'inline');
  if (e.kind === 'category' && e.range) add('range', 'Range', [e.range.label], 'inline');
  for (const p of answer.placements)
    add(`placement:${p.dimension.id}`, p.dimension.title, [titles(p.categories)], 'inline');
  if (e.kind === 'model') {
    const facts = [
      e.developer ? `Developer: ${e.developer}` : '',
      e.year ? `Year: ${e.year}` : '',
      e.parameters ? `Parameters: ${e.parameters}` : '',
    ];
    add('facts', 'Facts', facts, 'bullets');
  }
  if (e.note) add('note', 'Note', [e.note], 'prose');
  if (answer.parent) add('parent', 'Part of', [answer.parent.title], 'inline');
  const lead = LEAD[answer.focus];
  const missing = lead.length > 0 && !sections.some((s) => lead.includes(s.key));
  if (missing) {
    const what = {
      formulas: 'formula',
      'pros-cons': 'pros and cons',
      analogy: "layman's analogy",
      overview: '',
    }[answer.focus];
    sections.unshift({
      key: 'missing',
      title: 'Note',
      lines: [`No ${what} is given for ${e.title}.`],
      style: 'prose',
    });
  }
  return [...sections.filter((s) => lead.includes(s.key)), ...sections.filter((s) => !lead.includes(s.key))];
}

/** One line per compared entry for an aspect: "Title: value". */
export function compareLines(answer: CompareAnswer, rowIndex: number): string[] {
  const row = answer.rows[rowIndex];
  if (!row) return [];
  return row.values.map((v, i) => `${answer.entries[i]?.title ?? ''}: ${v}`);
}

export const NONE_LINE =
  "I only know about the taxonomy of LLMs and AI models, and I don't have an answer for that.";
export const TRY_LINE = 'Try "what is RLHF", "transformer vs rnn" or "which models are multimodal".';

export function listHeading(answer: Extract<Answer, { kind: 'list' }>): string {
  if (answer.criteria.length <= 1) return answer.subject.title;
  const names = answer.criteria.map((c) => c.title);
  return answer.match === 'any' ? names.join(' or ') : `Models that are ${names.join(' + ')}`;
}

export function listIntro(answer: Extract<Answer, { kind: 'list' }>): string {
  if (answer.criteria.length > 1 && answer.match === 'any') {
    return `${answer.items.length} model${answer.items.length === 1 ? '' : 's'} in any of them.`;
  }
  if (answer.criteria.length > 1) {
    return answer.items.length === 0
      ? 'The cheat sheet names no model in all of these at once.'
      : `${answer.items.length} model${answer.items.length === 1 ? '' : 's'} in all of them.`;
  }
  return answer.subject.summary;
}

export const HELP_INTRO =
  'I answer questions about the taxonomy of LLMs and AI models: six ways to classify them, with formulas, pros and cons, and plain-language analogies.';

/** Cuts text to `max` characters, ending with "…" when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

/** How quiz options are labelled on every platform. */
export const QUIZ_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

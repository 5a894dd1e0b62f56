import { type Action, encodeAction, threadAction } from '../core/actions.ts';
import type { Answer, EntryRef, Focus, NoticeReason } from '../core/answer.ts';
import { TRY_QUESTIONS } from '../core/examples.ts';
import { type Entry, type Formula, judgementOf, type Provenance } from '../kb/schema.ts';
import { clip } from './clip.ts';

// The neutral card: every answer laid out once, as data. Each platform's converter only decides how a
// part looks there and fits its limits. All text here is plain: converters escape it for their markup.

/** The colour family of a card: an entry's kind, or the mood of a notice or quiz result. */
export type Tone =
  | 'architecture'
  | 'training'
  | 'concept'
  | 'model'
  | 'neutral'
  | 'muted'
  | 'right'
  | 'wrong';

export type Field = { label: string; value: string };

export type Section =
  | { type: 'prose'; title?: string; text: string }
  | { type: 'bullets'; title?: string; items: string[] }
  /** A short labelled value: "Style: GPT-style". */
  | { type: 'inline'; title: string; text: string }
  /** A grid of short labelled values: placements, a list's groups. */
  | { type: 'fields'; title?: string; fields: Field[] }
  | {
      type: 'formulas';
      title: string;
      formulas: Formula[];
      /** The entry they belong to: a platform that shows only the first in full can offer the rest. */
      entryId?: string;
      /** Show every one in full (as a picture each, where the platform shows pictures). */
      expand?: boolean;
    }
  /** A comparison kept as data: one column per entry, one row per aspect (the first row says what each is). */
  | { type: 'table'; columns: string[]; rows: { aspect: string; values: string[] }[] }
  /** A quiz's options, marked once answered. */
  | { type: 'options'; options: { letter: string; label: string; mark?: 'right' | 'wrong' }[] }
  /** Questions to ask the bot, shown as the platform's command. */
  | { type: 'examples'; title: string; questions: string[] }
  /** How to ask, in the platform's own words (its command and options). */
  | { type: 'usage' };

export type ButtonStyle = 'primary' | 'secondary' | 'right' | 'wrong';

export type Button = {
  label: string;
  action: Action;
  style: ButtonStyle;
  disabled?: boolean;
  /** What to type in the terminal to press it. */
  key?: string;
};

/** Buttons that belong together: navigation, links to topics, a quiz's options. */
export type ButtonGroup = {
  role: 'nav' | 'related' | 'suggestions' | 'topics' | 'options';
  buttons: Button[];
};

export type Menu = { placeholder: string; options: { label: string; value: string }[] };

export type Card = {
  tone: Tone;
  /** A small line above the title: "Tour · page 2 of 16". */
  eyebrow?: string;
  title?: string;
  body?: string;
  sections: Section[];
  actions: ButtonGroup[];
  menu?: Menu;
  footer?: string;
  /** One plain line for notifications and screen readers. */
  summary: string;
  /** Discord only: a button that continues the answer in a thread. */
  thread?: Action;
};

export const NOTICES: Record<NoticeReason | 'failed', string> = {
  expired: 'This button has expired. Ask again with /llm.',
  'empty-message': 'That message has no text I can explain. Try /llm with a question instead.',
  failed: 'Sorry, something went wrong while answering. Please try again in a moment.',
};

export const NONE_LINE =
  "I only know about the taxonomy of LLMs and AI models, and I don't have an answer for that.";
export const TRY_LINE = `Try ${TRY_QUESTIONS.slice(0, -1)
  .map((q) => `"${q}"`)
  .join(', ')} or "${TRY_QUESTIONS.at(-1)}" (or "help").`;
/** How quiz options are labelled on every platform. */
export const QUIZ_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

const QUERY_ECHO_MAX = 200;
const RELATED_MAX = 5;
const SUGGESTIONS_MAX = 3;

type Of<K extends Answer['kind']> = Extract<Answer, { kind: K }>;

function titles(items: readonly EntryRef[]): string {
  return items.map((i) => i.title).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function toneOf(e: Entry): Tone {
  switch (e.kind) {
    case 'architecture':
    case 'training':
    case 'concept':
    case 'model':
      return e.kind;
    default:
      return 'neutral';
  }
}

/** Where the facts come from, said on every answer: the cheat sheet (with its date) or our glossary. */
export function provenanceLine(provenances: readonly Provenance[], asOf: string): string {
  const cheat = provenances.includes('cheatsheet');
  const glossary = provenances.includes('glossary');
  if (cheat && glossary) return `From the cheat sheet (products as of ${asOf}) and our glossary`;
  if (glossary) return 'From our glossary of basics, in our own words (not the cheat sheet)';
  return `From the cheat sheet · products as of ${asOf}`;
}

function topicButtons(refs: readonly EntryRef[], max: number): Button[] {
  return refs.slice(0, max).map((r) => button(r.title, { type: 'topic', id: r.id }));
}

function button(
  label: string,
  action: Action,
  style: ButtonStyle = 'secondary',
  more: Partial<Button> = {},
): Button {
  return { label, action, style, ...more };
}

/** A group of buttons, or nothing when it has none. */
function group(role: ButtonGroup['role'], buttons: Button[]): ButtonGroup[] {
  return buttons.length > 0 ? [{ role, buttons }] : [];
}

const inline = (title: string, text: string): Section => ({ type: 'inline', title, text });
const bullets = (title: string, items: string[]): Section => ({ type: 'bullets', title, items });
const prose = (title: string, text: string): Section => ({ type: 'prose', title, text });
const paragraph = (text: string): Section => ({ type: 'prose', text });

/** `items` when `condition` holds, nothing otherwise: for optional parts of a list. */
function when<T>(condition: unknown, ...items: T[]): T[] {
  return condition ? items : [];
}

const LEAD: Record<Focus, readonly string[]> = {
  overview: [],
  'pros-cons': ['pros', 'cons'],
  analogy: ['analogy'],
  formulas: ['formulas'],
};

const MISSING: Record<Focus, string> = {
  overview: '',
  'pros-cons': 'pros and cons are',
  analogy: "layman's analogy is",
  formulas: 'formula is',
};

const MEMBER_LABELS: Partial<Record<Entry['kind'], string>> = { dimension: 'Categories', root: 'Dimensions' };

function modelFacts(e: Entry): string[] {
  if (e.kind !== 'model') return [];
  const facts: [string, string | number | undefined][] = [
    ['Developer', e.developer],
    ['Year', e.year],
    ['Parameters', e.parameters],
  ];
  return facts.flatMap(([label, value]) => (value === undefined ? [] : [`${label}: ${value}`]));
}

function topicCard(answer: Of<'topic'>): Card {
  const e = answer.entry;
  const keyed: [string, Section][] = [];
  const add = (key: string, section: Section) => keyed.push([key, section]);
  const judged = judgementOf(e);
  if (e.details) add('details', prose('More', e.details));
  if (answer.formulas.length > 0)
    add('formulas', { type: 'formulas', title: 'Formulas', formulas: answer.formulas, entryId: e.id });
  if (e.kind === 'architecture') {
    const { time, memory, processing } = e.complexity;
    add('complexity', bullets('Complexity', [`Time: ${time}`, `Memory: ${memory}`, processing]));
  }
  if (judged.pros) add('pros', bullets('Pros', judged.pros));
  if (judged.cons) add('cons', bullets('Cons', judged.cons));
  if (judged.analogy) add('analogy', prose("In layman's terms", judged.analogy));
  else if (answer.borrowedAnalogy) {
    const { from, text } = answer.borrowedAnalogy;
    add('analogy', prose(`In layman's terms (the analogy for ${from.title}, which it is part of)`, text));
  }
  if (e.kind === 'training' && e.style) add('style', inline('Style', e.style));
  if (answer.members.length > 0) {
    const label = `${MEMBER_LABELS[e.kind] ?? 'Examples'} (as of ${answer.asOf})`;
    add('members', inline(label, titles(answer.members)));
  }
  if (e.kind === 'category' && e.examplesText) add('examples', inline('Examples', e.examplesText));
  if (e.kind === 'category' && e.range) add('range', inline('Range', e.range.label));
  if (answer.placements.length > 0) {
    const fields = answer.placements.map((p) => ({ label: p.dimension.title, value: titles(p.categories) }));
    add('placements', { type: 'fields', title: 'Where it sits in the taxonomy', fields });
  }
  const facts = modelFacts(e);
  if (facts.length > 0) add('facts', bullets('Facts', facts));
  if (e.note) add('note', inline('Note', e.note));
  if (answer.parent) add('parent', inline('Part of', answer.parent.title));
  const lead = LEAD[answer.focus];
  const missing = lead.length > 0 && !keyed.some(([k]) => lead.includes(k));
  return {
    tone: toneOf(e),
    title: e.title,
    body: e.summary,
    sections: [
      ...when(missing, prose('Note', `No ${MISSING[answer.focus]} given for ${e.title}.`)),
      ...keyed.filter(([k]) => lead.includes(k)).map(([, section]) => section),
      ...keyed.filter(([k]) => !lead.includes(k)).map(([, section]) => section),
    ],
    actions: group('related', topicButtons(answer.related, RELATED_MAX)),
    footer: provenanceLine([e.provenance], answer.asOf),
    summary: `${e.title}: ${e.summary}`,
  };
}

function formulasCard(answer: Of<'formulas'>): Card {
  const e = answer.entry;
  return {
    tone: toneOf(e),
    title: `${e.title}: formulas`,
    sections: [
      { type: 'formulas', title: 'Formulas', formulas: answer.formulas, entryId: e.id, expand: true },
    ],
    actions: [],
    footer: provenanceLine([e.provenance], answer.asOf),
    summary: `The formulas of ${e.title}`,
  };
}

function compareCard(answer: Of<'compare'>): Card {
  const names = answer.entries.map((e) => e.title);
  const thread = threadAction(answer.entries.map((e) => e.id));
  return {
    tone: 'neutral',
    title: names.join(' vs '),
    sections: [
      { type: 'table', columns: names, rows: answer.rows },
      ...when(answer.keyDifference, inline('Key difference', answer.keyDifference ?? '')),
    ],
    actions: [],
    footer: provenanceLine(
      answer.entries.map((e) => e.provenance),
      answer.asOf,
    ),
    summary: names.join(' vs '),
    ...(thread ? { thread } : {}),
  };
}

function listHeading(answer: Of<'list'>): string {
  if (answer.criteria.length <= 1) return answer.subject.title;
  const names = answer.criteria.map((c) => c.title);
  return answer.match === 'any' ? names.join(' or ') : `Models that are ${names.join(' + ')}`;
}

function listIntro(answer: Of<'list'>): string {
  const n = answer.items.length;
  if (answer.criteria.length <= 1) return answer.subject.summary;
  if (answer.match === 'any') return `${plural(n, 'model')} in any of them.`;
  return n === 0
    ? 'The cheat sheet names no model in all of these at once.'
    : `${plural(n, 'model')} in all of them.`;
}

function listSections(answer: Of<'list'>): Section[] {
  const s = answer.subject;
  const single = answer.criteria.length === 1;
  if (answer.groups.length > 0) {
    const what = s.kind === 'root' ? 'ways to classify' : 'categories';
    const fields = answer.groups.map((g) => ({
      label: `${g.entry.title} (${g.items.length})`,
      value: g.items.length > 0 ? titles(g.items) : g.summary,
    }));
    return [
      { type: 'fields', title: `${answer.groups.length} ${what} (products as of ${answer.asOf})`, fields },
    ];
  }
  if (answer.items.length > 0) {
    const title = single
      ? `${plural(answer.items.length, 'example')} (as of ${answer.asOf})`
      : `As of ${answer.asOf}`;
    return [
      bullets(
        title,
        answer.items.map((i) => i.title),
      ),
    ];
  }
  if (s.kind === 'category' && s.examplesText) return [inline('Examples', s.examplesText)];
  return when(single, paragraph('The cheat sheet names no examples here.'));
}

function listCard(answer: Of<'list'>): Card {
  const s = answer.subject;
  const keyDifference = s.kind === 'dimension' && answer.criteria.length === 1 ? s.keyDifference : undefined;
  const pickable = answer.groups.length > 0 ? answer.groups.map((g) => g.entry) : answer.items;
  const heading = listHeading(answer);
  const options = pickable.map((r) => ({ label: r.title, value: r.id }));
  return {
    tone: toneOf(s),
    title: heading,
    body: listIntro(answer),
    sections: [
      ...listSections(answer),
      ...when(keyDifference, inline('Key difference', keyDifference ?? '')),
      ...when(answer.basics, inline('Basics (from our glossary)', titles(answer.basics ?? []))),
    ],
    actions: [],
    ...(options.length > 0 ? { menu: { placeholder: 'Learn more about…', options } } : {}),
    footer: provenanceLine(answer.basics ? [s.provenance, 'glossary'] : [s.provenance], answer.asOf),
    summary: `${heading}: ${titles(pickable)}`,
  };
}

function helpCard(answer: Of<'help'>): Card {
  const n = answer.dimensions.length;
  const tour: Action = { type: 'tour', page: 1, version: answer.tour.version };
  return {
    tone: 'neutral',
    title: 'LLM taxonomy bot',
    body: `I answer questions about the taxonomy of LLMs and AI models: ${n} ways to classify them, with formulas, pros and cons, and plain-language analogies, plus a glossary of the basics.`,
    sections: [
      paragraph(`New here? Take the ${answer.tour.total}-page tour, then test yourself with the quiz.`),
      {
        type: 'fields',
        title: `What I know: ${n} ways to classify models`,
        fields: answer.dimensions.map((d) => ({ label: d.entry.title, value: titles(d.items) })),
      },
      { type: 'usage' },
      { type: 'examples', title: 'Try', questions: answer.examples },
    ],
    actions: group('nav', [
      button('Start the tour', tour, 'primary', { key: 'tour' }),
      button('Take the quiz', { type: 'quiz-start' }, 'secondary', { key: 'quiz' }),
    ]),
    footer: provenanceLine(['cheatsheet', 'glossary'], answer.asOf),
    summary: 'LLM taxonomy bot: ask me about architectures, training approaches, model sizes and more.',
  };
}

function noneCard(answer: Of<'none'>): Card {
  const q = answer.query;
  return {
    tone: 'muted',
    title: "I don't know that one",
    body: q === '' ? "I didn't catch a question there." : `You asked: “${clip(q, QUERY_ECHO_MAX)}”`,
    sections: [paragraph(NONE_LINE), paragraph(TRY_LINE)],
    actions: group('suggestions', topicButtons(answer.suggestions, SUGGESTIONS_MAX)),
    summary: NONE_LINE,
  };
}

function tourSections(item: Of<'tour'>['content']['items'][number]): Section[] {
  if (item.questions) return [{ type: 'examples', title: item.heading, questions: item.lines }];
  const formulas: Section[] = when(item.formulas?.length, {
    type: 'formulas',
    title: item.heading,
    formulas: item.formulas ?? [],
    ...(item.of ? { entryId: item.of } : {}),
  });
  if (item.lines.length === 0) return formulas;
  const [only] = item.lines;
  return [
    ...formulas,
    item.lines.length === 1 && only ? prose(item.heading, only) : bullets(item.heading, item.lines),
  ];
}

function tourCard(answer: Of<'tour'>): Card {
  const { page, total, version, content: p } = answer;
  const last = page >= total;
  return {
    tone: 'neutral',
    eyebrow: `Tour · page ${page} of ${total}`,
    title: p.title,
    body: p.intro,
    sections: p.items.flatMap(tourSections),
    actions: [
      ...group('nav', [
        button('◀ Back', { type: 'tour', page: page - 1, version }, 'primary', {
          disabled: page <= 1,
          key: 'back',
        }),
        button('Next ▶', { type: 'tour', page: page + 1, version }, 'primary', {
          disabled: last,
          key: 'next',
        }),
        ...when(last, button('Take the quiz', { type: 'quiz-start' }, 'primary', { key: 'quiz' })),
      ]),
      ...group('topics', topicButtons(p.topics, p.topics.length)),
    ],
    footer: provenanceLine(['cheatsheet'], answer.asOf),
    summary: `Tour, page ${page} of ${total}: ${p.title}`,
  };
}

function quizCard(answer: Of<'quiz'>): Card {
  const q = answer.question;
  const base = { seed: q.seed, version: q.version, ...(q.topic ? { topic: q.topic.id } : {}) };
  const result = answer.result;
  const markOf = (i: number): 'right' | 'wrong' | undefined => {
    if (!result) return undefined;
    if (i === q.correct) return 'right';
    return i === result.chosen ? 'wrong' : undefined;
  };
  const letter = (i: number) => QUIZ_LETTERS[i] ?? '?';
  const options = q.options.map((o, i) =>
    button(
      `${letter(i)} · ${o.title}`,
      { type: 'quiz-answer', ...base, streak: result ? 0 : answer.streak, choice: i },
      markOf(i) ?? 'secondary',
      { key: letter(i).toLowerCase(), ...(result ? { disabled: true } : {}) },
    ),
  );
  const marked = q.options.map((o, i) => {
    const mark = markOf(i);
    return { letter: letter(i), label: o.title, ...(mark ? { mark } : {}) };
  });
  const verdict = result?.right
    ? '✅ Right!'
    : `❌ Not quite: the answer is ${letter(q.correct)}) ${q.options[q.correct]?.title ?? ''}`;
  const tone: Tone = result?.right ? 'right' : 'wrong';
  const next: Action = { type: 'quiz-next', ...base, streak: answer.streak };
  return {
    tone: result ? tone : 'neutral',
    eyebrow: q.topic ? `Quiz · ${q.topic.title}` : 'Quiz',
    title: result ? verdict : 'Your question',
    body: q.prompt,
    sections: [
      ...when<Section>(q.formula, {
        type: 'formulas',
        title: 'Formula',
        formulas: q.formula ? [q.formula] : [],
      }),
      { type: 'options', options: marked },
      ...when(result, paragraph(q.explanation)),
    ],
    actions: [
      ...group('options', options),
      ...group('nav', when(result, button('Next question ▶', next, 'primary', { key: 'next' }))),
    ],
    footer: `Streak: ${answer.streak} · anyone can answer`,
    summary: `Quiz: ${q.prompt}`,
  };
}

/** A card of one line of text: a notice, or a note after a failure. */
export function noticeText(text: string): Card {
  return { tone: 'muted', body: text, sections: [], actions: [], summary: text };
}

/** The card for an answer: what every platform shows, laid out once. */
export function answerToCard(answer: Answer): Card {
  switch (answer.kind) {
    case 'topic':
      return topicCard(answer);
    case 'formulas':
      return formulasCard(answer);
    case 'compare':
      return compareCard(answer);
    case 'list':
      return listCard(answer);
    case 'help':
      return helpCard(answer);
    case 'none':
      return noneCard(answer);
    case 'tour':
      return tourCard(answer);
    case 'quiz':
      return quizCard(answer);
    case 'notice':
      return noticeText(NOTICES[answer.reason]);
  }
}

/** A short private note after a failure, with the reference id the logs carry. */
export function failureCard(reference: string): Card {
  return noticeText(`${NOTICES.failed} Reference: ${reference}`);
}

/** The custom_id of a button, or undefined when it would not fit the platforms' 100 characters. */
export function buttonId(button: Button): string | undefined {
  const id = encodeAction(button.action);
  return id.length <= 100 ? id : undefined;
}

import type { Entry, Formula } from '../kb/schema.ts';

/** What a topic answer leads with. */
export type Focus = 'overview' | 'pros-cons' | 'analogy' | 'formulas';

/** An entry as other entries refer to it. */
export type EntryRef = { id: string; title: string };

/** A model's place in one dimension. */
export type Placement = { dimension: EntryRef; categories: EntryRef[] };

/** One aspect of a comparison: a value per compared entry, in the same order. */
export type ComparisonRow = { aspect: string; values: string[] };

/** A named group of a list answer (a dimension's category and its models, say). */
export type ListGroup = { entry: EntryRef; summary: string; items: EntryRef[] };

/** One block of a tour page: a heading, its lines, and formulas set apart. */
export type TourItem = {
  heading: string;
  lines: string[];
  formulas?: Formula[];
  /** The entry the formulas belong to, so a platform can offer all of them. */
  of?: string;
  /** The lines are questions to ask the bot, not prose. */
  questions?: boolean;
};

/** One page of the guided tour, built from the knowledge base, never hand-written. */
export type TourPage = {
  title: string;
  intro: string;
  items: TourItem[];
  /** Entries the page talks about: the targets of its "jump to" buttons. */
  topics: EntryRef[];
};

/** A multiple-choice question generated from the knowledge base; the same seed always gives the same one. */
export type QuizQuestion = {
  seed: number;
  /** The dimension the quiz is narrowed to, if any. */
  topic?: EntryRef;
  prompt: string;
  /** A formula shown with the prompt. */
  formula?: Formula;
  options: EntryRef[];
  correct: number;
  explanation: string;
  /** A fingerprint of the knowledge base the question came from; a click from another one has expired. */
  version: string;
};

/** Why a request got a notice instead of an answer. */
export type NoticeReason = 'expired' | 'empty-message';

/** The neutral answer every renderer understands. */
export type Answer =
  | {
      kind: 'topic';
      entry: Entry;
      focus: Focus;
      formulas: Formula[];
      /** The entry's members: a category's example models, a dimension's categories. */
      members: EntryRef[];
      placements: Placement[];
      /** Where the entry belongs: a category's dimension, a concept's architecture, a variant's model. */
      parent?: EntryRef;
      /** For an entry with no analogy of its own: the nearest ancestor's, and whose it is. */
      borrowedAnalogy?: { from: EntryRef; text: string };
      related: EntryRef[];
      asOf: string;
    }
  /** Every formula of one entry, on its own: what a "Show formulas" button brings up. */
  | { kind: 'formulas'; entry: Entry; formulas: Formula[]; asOf: string }
  | { kind: 'compare'; entries: Entry[]; rows: ComparisonRow[]; keyDifference?: string; asOf: string }
  | {
      kind: 'list';
      subject: Entry;
      /** The categories the list is about: models in all of them, or in any of them. */
      criteria: EntryRef[];
      match: 'all' | 'any';
      items: EntryRef[];
      groups: ListGroup[];
      /** With the taxonomy overview: the glossary's basics, the words the taxonomy leans on. */
      basics?: EntryRef[];
      asOf: string;
    }
  | {
      kind: 'help';
      /** The ways to classify, each with its categories. */
      dimensions: ListGroup[];
      examples: string[];
      /** The tour's first page, so help can offer to start it. */
      tour: { total: number; version: string };
      asOf: string;
    }
  | {
      kind: 'tour';
      /** 1-based page number. */
      page: number;
      total: number;
      content: TourPage;
      version: string;
      asOf: string;
    }
  | {
      kind: 'quiz';
      question: QuizQuestion;
      /** Right answers in a row so far, carried in the buttons. */
      streak: number;
      /** Present once someone has answered: which option, and whether it was right. */
      result?: { chosen: number; right: boolean };
    }
  | { kind: 'none'; query: string; suggestions: Entry[] }
  | { kind: 'notice'; reason: NoticeReason };

export type AnswerKind = Answer['kind'];

export function refOf(e: Entry): EntryRef {
  return { id: e.id, title: e.title };
}

/** The ids an answer is about, most relevant first (the `topics` of the CLI's JSON contract). */
export function topicsOf(answer: Answer): string[] {
  switch (answer.kind) {
    case 'topic':
    case 'formulas':
      return [answer.entry.id];
    case 'compare':
      return answer.entries.map((e) => e.id);
    case 'list': {
      const ids = [answer.subject.id, ...answer.criteria.map((c) => c.id), ...answer.items.map((i) => i.id)];
      return [...new Set(ids)];
    }
    case 'tour':
      return answer.content.topics.map((t) => t.id);
    case 'quiz':
      return answer.question.topic ? [answer.question.topic.id] : [];
    case 'help':
    case 'none':
    case 'notice':
      return [];
  }
}

export function suggestionsOf(answer: Answer): string[] {
  return answer.kind === 'none' ? answer.suggestions.map((s) => s.id) : [];
}

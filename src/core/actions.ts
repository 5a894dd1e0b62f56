import { ID_PATTERN } from '../kb/schema.ts';

// What a button or menu does, carried in its custom_id (Discord) or action value (Slack), so any
// instance of the bot can serve a click without remembering anything.

export type Action =
  /** Answer about one entry, to the clicker only. */
  | { type: 'topic'; id: string }
  /** Every formula of one entry, to the clicker only (as pictures where the platform shows them). */
  | { type: 'formulas'; id: string }
  /** Start a thread on the message and post the full comparison of these entries there. */
  | { type: 'thread'; ids: string[] }
  /** A select menu of entries; the chosen value is the entry id. */
  | { type: 'pick' }
  /** Show page `page` of the tour (of tour version `version`). */
  | { type: 'tour'; page: number; version: string }
  /** Answer option `choice` of the quiz question made from `seed`. */
  | { type: 'quiz-answer'; seed: number; topic?: string; streak: number; choice: number; version: string }
  /** A first quiz question, freshly seeded. */
  | { type: 'quiz-start' }
  /** The next quiz question after the one made from `seed`. */
  | { type: 'quiz-next'; seed: number; topic?: string; streak: number; version: string };

const PREFIX = 'llm';
export const CUSTOM_ID_MAX = 100;

export function encodeAction(action: Action): string {
  switch (action.type) {
    case 'topic':
      return `${PREFIX}:t:${action.id}`;
    case 'formulas':
      return `${PREFIX}:f:${action.id}`;
    case 'thread':
      return `${PREFIX}:th:${action.ids.join(',')}`;
    case 'pick':
      return `${PREFIX}:pick`;
    case 'tour':
      return `${PREFIX}:tour:${action.page}:${action.version}`;
    case 'quiz-answer':
      return `${PREFIX}:qa:${quizPart(action)}:${action.choice}:${action.version}`;
    case 'quiz-next':
      return `${PREFIX}:qn:${quizPart(action)}:${action.version}`;
    case 'quiz-start':
      return `${PREFIX}:qs`;
  }
}

// A dimension is carried by its slug ("training"), none by "-": custom_ids are short.
function quizPart(a: { seed: number; topic?: string; streak: number }): string {
  return `${a.seed.toString(36)}:${a.topic ? a.topic.replace(/^dimension\//, '') : '-'}:${a.streak}`;
}

const VERSION = /^[0-9a-f]{6}$/;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function wholeNumber(text: string | undefined, radix = 10): number | undefined {
  if (text === undefined || !(radix === 36 ? /^[0-9a-z]{1,7}$/ : /^\d{1,6}$/).test(text)) return undefined;
  return Number.parseInt(text, radix);
}

function decodeQuiz(parts: readonly string[]): { seed: number; topic?: string; streak: number } | undefined {
  const [seedText, topicText, streakText] = parts;
  const seed = wholeNumber(seedText, 36);
  const streak = wholeNumber(streakText);
  if (seed === undefined || streak === undefined || topicText === undefined) return undefined;
  if (topicText === '-') return { seed, streak };
  return SLUG.test(topicText) ? { seed, topic: `dimension/${topicText}`, streak } : undefined;
}

/** How an action's answer is delivered: privately to the clicker, in place of the clicked message, or in a thread. */
export type Delivery = 'private' | 'replace' | 'thread';

export function deliveryOf(action: Action): Delivery {
  switch (action.type) {
    case 'topic':
    case 'formulas':
    case 'pick':
      return 'private';
    case 'thread':
      return 'thread';
    case 'tour':
    case 'quiz-answer':
    case 'quiz-start':
    case 'quiz-next':
      return 'replace';
  }
}

/** Keeps as many of `ids` as fit in one custom_id of a thread action (at least two, or none). */
export function threadAction(ids: readonly string[]): Action | undefined {
  const kept = [...ids];
  while (kept.length > 2 && encodeAction({ type: 'thread', ids: kept }).length > CUSTOM_ID_MAX) kept.pop();
  const action: Action = { type: 'thread', ids: kept };
  return kept.length >= 2 && encodeAction(action).length <= CUSTOM_ID_MAX ? action : undefined;
}

/** The action a custom_id encodes; undefined for anything malformed or tampered with. */
export function decodeAction(customId: string): Action | undefined {
  if (customId.length > CUSTOM_ID_MAX) return undefined;
  const [prefix, type, ...rest] = customId.split(':');
  if (prefix !== PREFIX) return undefined;
  const arg = rest.join(':');
  if (type === 't' && ID_PATTERN.test(arg)) return { type: 'topic', id: arg };
  if (type === 'f' && ID_PATTERN.test(arg)) return { type: 'formulas', id: arg };
  if (type === 'th') {
    const ids = arg.split(',');
    return ids.length >= 2 && ids.every((id) => ID_PATTERN.test(id)) ? { type: 'thread', ids } : undefined;
  }
  if (type === 'pick' && arg === '') return { type: 'pick' };
  if (type === 'qs' && arg === '') return { type: 'quiz-start' };
  if (type === 'tour') {
    const [pageText, version = ''] = rest;
    const page = wholeNumber(pageText);
    return page !== undefined && page >= 1 && rest.length === 2 && VERSION.test(version)
      ? { type: 'tour', page, version }
      : undefined;
  }
  if (type === 'qa' && rest.length === 5) {
    const quiz = decodeQuiz(rest.slice(0, 3));
    const choice = wholeNumber(rest[3]);
    const version = rest[4] ?? '';
    return quiz && choice !== undefined && VERSION.test(version)
      ? { type: 'quiz-answer', ...quiz, choice, version }
      : undefined;
  }
  if (type === 'qn' && rest.length === 4) {
    const quiz = decodeQuiz(rest.slice(0, 3));
    const version = rest[3] ?? '';
    return quiz && VERSION.test(version) ? { type: 'quiz-next', ...quiz, version } : undefined;
  }
  return undefined;
}

import type { KnowledgeBase } from '../kb/graph.ts';
import { type Action, decodeAction } from './actions.ts';
import type { Answer } from './answer.ts';
import { ask } from './ask.ts';
import { compareAnswer, helpAnswer, topicAnswer } from './build.ts';
import { gradeQuiz, nextQuiz, quizAnswer, tourAnswer } from './onboarding.ts';

export { type Action, decodeAction, deliveryOf, encodeAction } from './actions.ts';
export type { Answer } from './answer.ts';
export { type Completion, completeQuestion } from './complete.ts';
export { newSeed } from './quiz.ts';

/** What an adapter can ask of the core: a typed question, or a click on a button or menu. */
export type Request =
  /** A question; the seed only matters for "quiz", which gets a fresh question per seed. */
  | { type: 'question'; text: string; seed?: number }
  /** A decoded button or menu action; `choice` is the picked menu value, if any; `seed` starts a fresh quiz. */
  | { type: 'action'; action: Action; choice?: string; seed?: number }
  /** The help answer: what the bot knows and how to ask (the Slack Home tab shows it). */
  | { type: 'help' }
  /** A page of the tour, for a welcome message. */
  | { type: 'tour'; page: number };

/** The request a button's custom_id (or Slack action_id) stands for, or undefined when it is malformed. */
export function actionRequest(customId: string, choice?: string, seed?: number): Request | undefined {
  const action = decodeAction(customId);
  if (!action) return undefined;
  return {
    type: 'action',
    action,
    ...(choice === undefined ? {} : { choice }),
    ...(seed === undefined ? {} : { seed }),
  };
}

const EXPIRED: Answer = { kind: 'notice', reason: 'expired' };

/** The one way into the core: a request in, a neutral answer out. Pure, given the request's seed. */
export function respond(kb: KnowledgeBase, request: Request): Answer {
  switch (request.type) {
    case 'question':
      return ask(kb, request.text, request.seed === undefined ? {} : { seed: request.seed });
    case 'help':
      return helpAnswer(kb);
    case 'tour':
      return tourAnswer(kb, request.page) ?? EXPIRED;
    case 'action':
      return answerAction(kb, request.action, request.choice, request.seed) ?? EXPIRED;
  }
}

function answerAction(
  kb: KnowledgeBase,
  action: Action,
  choice: string | undefined,
  seed: number | undefined,
): Answer | undefined {
  switch (action.type) {
    case 'topic':
    case 'pick': {
      const id = action.type === 'topic' ? action.id : choice;
      const entry = id === undefined ? undefined : kb.byId.get(id);
      return entry ? topicAnswer(kb, entry, 'overview') : undefined;
    }
    case 'formulas': {
      const entry = kb.byId.get(action.id);
      const formulas = kb.graph.formulas.get(action.id) ?? [];
      // A button from a knowledge base that had formulas here, and no longer does, has expired.
      return entry && formulas.length > 0
        ? { kind: 'formulas', entry, formulas: [...formulas], asOf: kb.meta.asOf }
        : undefined;
    }
    case 'thread': {
      const entries = action.ids.flatMap((id) => {
        const e = kb.byId.get(id);
        return e ? [e] : [];
      });
      return entries.length === action.ids.length ? compareAnswer(kb, entries, 'overview') : undefined;
    }
    case 'tour':
      return tourAnswer(kb, action.page, action.version);
    case 'quiz-answer':
      return gradeQuiz(kb, action.seed, action.topic, action.streak, action.choice, action.version);
    case 'quiz-next':
      return nextQuiz(kb, action.seed, action.topic, action.streak, action.version);
    case 'quiz-start':
      return quizAnswer(kb, seed ?? 1, undefined, 0);
  }
}

// The question path, stage by stage: normalise and correct → mentions → scope → intent → retrieval →
// decision. Each stage is its own module under ./stages with its own tests.
import type { KnowledgeBase } from '../kb/graph.ts';
import { HELP_WORDS } from '../kb/lexicon.ts';
import type { Answer } from './answer.ts';
import { helpAnswer } from './build.ts';
import { quizAnswer, tourAnswer, tourPageOf } from './onboarding.ts';
import { decide, type Evidence, FITTED, type Fitted, gatherEvidence } from './stages/decision.ts';
import { candidateFor, readIntent } from './stages/intent.ts';
import { type Linked, linkMentions } from './stages/mentions.ts';
import { parseQuestion, type Question } from './stages/normalize.ts';

export type AskOptions = {
  /** Seed for a quiz question; without one the question follows from the text, so ask() stays pure. */
  seed?: number;
  /** The fitted models to decide with; `npm run train` passes the ones it is fitting. */
  fitted?: Fitted;
};

/** Answers one question from the knowledge base. Pure: the same question (and seed) always gets the same answer. */
export function ask(kb: KnowledgeBase, text: string, options: AskOptions = {}): Answer {
  return trace(kb, text, options).answer;
}

/** An answer with the evidence it was decided on, for training and for explaining a decision. */
export type Trace = { answer: Answer; evidence?: Evidence };

export function trace(kb: KnowledgeBase, text: string, options: AskOptions = {}): Trace {
  const q = parseQuestion(kb.index, text);
  if (isHelpRequest(q.words)) return { answer: helpAnswer(kb) };
  const linked = linkMentions(kb, q);
  const onboarding = answerOnboarding(kb, q, linked, options);
  if (onboarding) return { answer: onboarding };
  const intent = readIntent(q);
  const fitted = options.fitted ?? FITTED;
  const candidate = candidateFor(kb, q, linked, intent, fitted.rank);
  const evidence = gatherEvidence(kb, q, linked, intent, candidate, fitted);
  return { answer: decide(kb, q, linked, evidence, fitted), evidence };
}

const TOUR_WORDS = new Set(['tour', 'onboard', 'onboarding', 'walkthrough', 'introduction', 'intro']);
const TOUR_PHRASES =
  / (i m new|i am new|new here|getting started|get started|walk me through|show me around|where do i start) /;
const QUIZ_WORDS = new Set(['quiz', 'quizz', 'quizzes', 'flashcards', 'flashcard', 'trivia']);
const QUIZ_PHRASES = / (test me|test my|check my knowledge|examine me|practice questions) /;

/** "tour", "I'm new", "quiz me on training approaches": the onboarding answers. */
function answerOnboarding(
  kb: KnowledgeBase,
  q: Question,
  linked: Linked,
  options: AskOptions,
): Answer | undefined {
  const joined = ` ${q.words.join(' ')} `;
  const wantsQuiz = q.words.some((w) => QUIZ_WORDS.has(w)) || QUIZ_PHRASES.test(joined);
  const wantsTour = !wantsQuiz && (q.words.some((w) => TOUR_WORDS.has(w)) || TOUR_PHRASES.test(joined));
  if (!wantsQuiz && !wantsTour) return undefined;
  // The dimension the request names, directly or through one of its categories.
  const named = linked.entries
    .map((e) => (e.kind === 'dimension' ? e.id : kb.graph.dimensionOf.get(e.id)))
    .find((id): id is string => id !== undefined);
  if (wantsTour) return tourAnswer(kb, tourPageOf(kb, named));
  const seed = options.seed ?? seedOf(q.text);
  return quizAnswer(kb, seed, named, 0) ?? quizAnswer(kb, seed, undefined, 0);
}

/** A seed that follows from the text, for a reproducible quiz when the caller gives none. */
function seedOf(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ (c.codePointAt(0) ?? 0), 16777619);
  return ((h >>> 0) % (2 ** 31 - 2)) + 1;
}

function isHelpRequest(words: readonly string[]): boolean {
  if (words.length === 0) return true;
  if (
    words.length <= 5 &&
    words.every((w) => HELP_WORDS.has(w) || w === 'me' || w === 'i' || w === 'please')
  ) {
    return words.some((w) => w === 'help' || w === 'commands' || w === 'usage' || w === 'do' || w === 'use');
  }
  return false;
}

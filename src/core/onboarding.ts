import type { KnowledgeBase } from '../kb/graph.ts';
import type { Answer } from './answer.ts';
import { isValidSeed, nextSeed, quizQuestion } from './quiz.ts';
import { tourOf } from './tour.ts';

/** Page `page` (1-based) of the tour; undefined for a page that does not exist or a tour that changed. */
export function tourAnswer(kb: KnowledgeBase, page: number, version?: string): Answer | undefined {
  const tour = tourOf(kb);
  const content = tour.pages[page - 1];
  if (!content || !Number.isInteger(page) || (version !== undefined && version !== tour.version))
    return undefined;
  return { kind: 'tour', page, total: tour.pages.length, content, version: tour.version, asOf: kb.meta.asOf };
}

/** The tour page that covers an entry (a dimension's own page), or the first page. */
export function tourPageOf(kb: KnowledgeBase, id: string | undefined): number {
  if (id === undefined) return 1;
  const entry = kb.byId.get(id);
  const index = tourOf(kb).pages.findIndex((p) => p.title === entry?.title);
  return index >= 0 ? index + 1 : 1;
}

/** A quiz question for a seed; undefined for a bad seed, a changed knowledge base, or too little to ask. */
export function quizAnswer(
  kb: KnowledgeBase,
  seed: number,
  topic: string | undefined,
  streak: number,
  version?: string,
): Answer | undefined {
  if (!isValidSeed(seed) || !Number.isInteger(streak) || streak < 0) return undefined;
  const question = quizQuestion(kb, seed, topic);
  if (!question || (version !== undefined && version !== question.version)) return undefined;
  return { kind: 'quiz', question, streak };
}

/** Grades an answer: the question is regenerated from its seed, so nothing had to be remembered. */
export function gradeQuiz(
  kb: KnowledgeBase,
  seed: number,
  topic: string | undefined,
  streak: number,
  chosen: number,
  version: string,
): Answer | undefined {
  const asked = quizAnswer(kb, seed, topic, streak, version);
  if (
    asked?.kind !== 'quiz' ||
    !Number.isInteger(chosen) ||
    chosen < 0 ||
    chosen >= asked.question.options.length
  )
    return undefined;
  const right = chosen === asked.question.correct;
  return { ...asked, streak: right ? streak + 1 : 0, result: { chosen, right } };
}

/** The question after this one, with the streak carried over. */
export function nextQuiz(
  kb: KnowledgeBase,
  seed: number,
  topic: string | undefined,
  streak: number,
  version: string,
): Answer | undefined {
  return quizAnswer(kb, nextSeed(seed), topic, streak, version);
}

import type { Answer } from '../core/answer.ts';
import { gradeQuiz, nextQuiz, quizAnswer, tourAnswer } from '../core/onboarding.ts';
import { newSeed } from '../core/quiz.ts';
import type { KnowledgeBase } from '../kb/loader.ts';
import type { Action } from '../render/actions.ts';

/** What a tour or quiz button leads to, on any platform; undefined when the button has expired. */
export function onboardingStep(kb: KnowledgeBase, action: Action): Answer | undefined {
  switch (action.type) {
    case 'tour':
      return tourAnswer(kb, action.page, action.version);
    case 'quiz-answer':
      return gradeQuiz(kb, action.seed, action.topic, action.streak, action.choice, action.version);
    case 'quiz-next':
      return nextQuiz(kb, action.seed, action.topic, action.streak, action.version);
    case 'quiz-start':
      return quizAnswer(kb, newSeed(), undefined, 0);
    default:
      return undefined;
  }
}

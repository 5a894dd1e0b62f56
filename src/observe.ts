import { createHash } from 'node:crypto';
import type { Answer } from './core/answer.ts';
import { topicsOf } from './core/answer.ts';
import type { Logger } from './log.ts';

/** What an adapter reports for each answered question. */
export type AnswerEvent = {
  platform: 'discord' | 'slack' | 'terminal';
  via: string;
  question?: string;
  answer: Answer;
  userId: string;
  ms: number;
};

/** A stable, non-reversible stand-in for a user id, so logs can count users without naming them. */
export function hashUser(userId: string): string {
  return createHash('sha256').update(userId).digest('hex').slice(0, 12);
}

/** Logs every answered question; `none` answers as "unanswered" with their text, for `npm run gaps`. */
export function logAnswer(logger: Logger): (event: AnswerEvent) => void {
  return (e) => {
    const fields = {
      platform: e.platform,
      via: e.via,
      intent: e.answer.kind,
      topics: topicsOf(e.answer).slice(0, 5),
      ms: Math.round(e.ms * 1000) / 1000,
      user: hashUser(e.userId),
    };
    if (e.answer.kind === 'none') logger.info({ ...fields, unanswered: e.answer.query }, 'unanswered');
    else logger.info(fields, 'answered');
  };
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { type AnswerKind, topicsOf } from '../../src/core/answer.ts';
import { ask } from '../../src/core/ask.ts';
import type { KnowledgeBase } from '../../src/kb/loader.ts';

const QuestionSchema = z.strictObject({
  q: z.string(),
  expect: z.union([z.string(), z.array(z.string()).min(2)]),
  kind: z.enum(['topic', 'compare', 'list', 'help', 'tour', 'quiz', 'none']).optional(),
  /** Other first topics that answer a genuinely ambiguous question as well. */
  also: z.array(z.string()).optional(),
});
export type QuestionCase = z.infer<typeof QuestionSchema>;

export function loadQuestions(): QuestionCase[] {
  const text = readFileSync(new URL('../fixtures/questions.yaml', import.meta.url), 'utf8');
  return z.array(QuestionSchema).parse(parse(text));
}

export type Outcome = { case: QuestionCase; kind: AnswerKind; topics: string[]; ok: boolean };

/** Whether the answer leads with what the case expects (and has its kind, when the case names one). */
export function judge(kb: KnowledgeBase, c: QuestionCase): Outcome {
  const answer = ask(kb, c.q);
  const topics = topicsOf(answer);
  let ok: boolean;
  if (c.expect === 'none') ok = answer.kind === 'none';
  else if (c.expect === 'help') ok = answer.kind === 'help';
  else if (Array.isArray(c.expect)) ok = c.expect.every((id, i) => topics[i] === id);
  else ok = topics[0] === c.expect || (topics[0] !== undefined && (c.also ?? []).includes(topics[0]));
  if (c.kind !== undefined && answer.kind !== c.kind) ok = false;
  return { case: c, kind: answer.kind, topics, ok };
}

export function describeMiss(o: Outcome): string {
  const want = Array.isArray(o.case.expect) ? o.case.expect.join(' + ') : o.case.expect;
  return `  ✗ "${o.case.q}": wanted ${want}${o.case.kind ? ` (${o.case.kind})` : ''}, got ${o.kind} [${o.topics.slice(0, 4).join(', ')}]`;
}

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { type Answer, topicsOf } from '../../src/core/answer.ts';

const Ids = z.array(z.string().min(1)).min(1);

export const RealQuestionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    q: z.string().min(1),
    source: z.url(),
    site: z.string(),
    kind: z.enum(['topic', 'list']),
    accept: Ids,
    note: z.string().optional(),
    split: z.enum(['train', 'dev', 'test']),
  }),
  z.strictObject({
    q: z.string().min(1),
    source: z.url(),
    site: z.string(),
    kind: z.literal('compare'),
    sides: z.array(Ids).min(2),
    note: z.string().optional(),
    split: z.enum(['train', 'dev', 'test']),
  }),
  z.strictObject({
    q: z.string().min(1),
    source: z.url(),
    site: z.string(),
    kind: z.literal('none'),
    suggest: Ids.optional(),
    note: z.string().optional(),
    split: z.enum(['train', 'dev', 'test']),
  }),
]);
export type RealQuestion = z.infer<typeof RealQuestionSchema>;
export type Split = RealQuestion['split'];

export const REAL_QUESTIONS_FILE = new URL('../fixtures/real-questions.yaml', import.meta.url);

export function loadRealQuestions(): RealQuestion[] {
  return z.array(RealQuestionSchema).parse(parse(readFileSync(REAL_QUESTIONS_FILE, 'utf8')));
}

/** The split a question belongs to: a seeded FNV-1a hash of its text, so it never depends on order or neighbours. */
export function splitOf(q: string): Split {
  let h = 0x811c9dc5;
  for (const ch of `real-questions-v1|${q}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const bucket = h % 100;
  if (bucket < 60) return 'train';
  return bucket < 80 ? 'dev' : 'test';
}

/** Whether an answer is right for a labelled question: an accepted first topic, a comparison covering every side, or a decline. */
export function isRight(item: RealQuestion, answer: Answer): boolean {
  const topics = topicsOf(answer);
  switch (item.kind) {
    case 'none':
      return answer.kind === 'none';
    case 'topic':
    case 'list':
      return answer.kind !== 'none' && topics[0] !== undefined && item.accept.includes(topics[0]);
    case 'compare': {
      // Two names for one entry ("LSTM vs GRU") are answered by that entry.
      const shared = item.sides.reduce((common, side) => common.filter((id) => side.includes(id)));
      if (answer.kind === 'topic' && topics[0] !== undefined && shared.includes(topics[0])) return true;
      return answer.kind === 'compare' && item.sides.every((side) => side.some((id) => topics.includes(id)));
    }
  }
}

/** Every id a labelled question accepts, on any side. */
export function acceptedIds(item: RealQuestion): readonly string[] {
  switch (item.kind) {
    case 'compare':
      return item.sides.flat();
    case 'none':
      return [];
    default:
      return item.accept;
  }
}

/** What a labelled question wants, in one line. */
export function describeWant(item: RealQuestion): string {
  switch (item.kind) {
    case 'compare':
      return item.sides.map((side) => side.join('|')).join(' vs ');
    case 'none':
      return 'none';
    default:
      return item.accept.join('|');
  }
}

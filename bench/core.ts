import { performance } from 'node:perf_hooks';
import { ask as answerFresh } from '../src/core/ask.ts';
import { type KnowledgeBase, loadKnowledgeBase } from '../src/kb/loader.ts';
import { loadQuestions } from '../test/support/questions.ts';
import { ms, printTable, summarize } from './stats.ts';
import { syntheticKnowledgeBase } from './synthetic.ts';

const ROUNDS = 20;

function timeQuestions(kb: KnowledgeBase, questions: readonly string[]): number[] {
  for (const q of questions) answerFresh(kb, q);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of questions) {
      const start = performance.now();
      answerFresh(kb, q);
      samples.push(performance.now() - start);
    }
  }
  return samples;
}

function timeIndex(build: () => KnowledgeBase): { kb: KnowledgeBase; ms: number } {
  const start = performance.now();
  const kb = build();
  return { kb, ms: performance.now() - start };
}

/** ask() latency over the question set on the real knowledge base and on synthetic ones. */
export async function benchCore(): Promise<void> {
  const questions = loadQuestions().map((c) => c.q);
  const loadStart = performance.now();
  const real = await loadKnowledgeBase('data');
  const realLoad = performance.now() - loadStart;
  const rows: string[][] = [];
  const add = (label: string, kb: KnowledgeBase, indexMs: number) => {
    const s = summarize(timeQuestions(kb, questions));
    rows.push([
      label,
      String(kb.entries.length),
      ms(indexMs),
      ms(s.median),
      ms(s.p99),
      ms(s.max),
      String(s.n),
    ]);
  };
  add('real (data/)', real, realLoad);
  for (const size of [1_000, 10_000]) {
    const { kb, ms: indexMs } = timeIndex(() => syntheticKnowledgeBase(real, size));
    add(`synthetic ${size.toLocaleString('en')}`, kb, indexMs);
  }
  printTable(
    `ask() without its memo, over ${questions.length} questions × ${ROUNDS} rounds (ms; load+index is YAML parse + validation for the real one)`,
    ['knowledge base', 'entries', 'load+index', 'median', 'p99', 'max', 'samples'],
    rows,
  );
}

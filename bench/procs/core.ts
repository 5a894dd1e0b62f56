// ask() latency in its own process: `core.js real` or `core.js synthetic <dir>` (a generated knowledge base on
// disk, so its load time includes reading, parsing and validating). Prints one JSON object.
import { performance } from 'node:perf_hooks';
import { ask } from '../../src/core/ask.ts';
import { loadKnowledgeBase } from '../../src/kb/loader.ts';
import { distinctQuestions } from '../questions.ts';
import { summarize } from '../stats.ts';

export type CoreResult = {
  entries: number;
  loadMs: number;
  /** One p50 and one p99 per repeat, each over questions no earlier sample asked. */
  p50: number[];
  p99: number[];
  samples: number;
};

const [what, dir] = process.argv.slice(2);
const sizes = what === 'real' ? { warmup: 10_000, each: 3_000 } : { warmup: 600, each: 1_000 };
const REPEATS = 3;

const start = performance.now();
const kb = await loadKnowledgeBase(what === 'real' ? 'data' : (dir ?? ''));
const loadMs = performance.now() - start;
const questions = distinctQuestions(kb, sizes.warmup + REPEATS * sizes.each, 3);
for (const q of questions.slice(0, sizes.warmup)) ask(kb, q);
const result: CoreResult = { entries: kb.entries.length, loadMs, p50: [], p99: [], samples: sizes.each };
for (let r = 0; r < REPEATS; r++) {
  const from = sizes.warmup + r * sizes.each;
  const samples: number[] = [];
  for (const q of questions.slice(from, from + sizes.each)) {
    const t = performance.now();
    ask(kb, q);
    samples.push(performance.now() - t);
  }
  const s = summarize(samples);
  result.p50.push(s.median);
  result.p99.push(s.p99);
}
process.stdout.write(`${JSON.stringify(result)}\n`);

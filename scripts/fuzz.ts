// `npm run fuzz [-- --count N] [-- --seed S] [-- --json]`: the project's fuzzer (test/support/fuzz.ts).
// Exits 1 when anything broke, so CI can run it with any count.
import { parseArgs } from 'node:util';
import { loadKnowledgeBase } from '../src/kb/loader.ts';
import { clean, runFuzz } from '../test/support/fuzz.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- [--count N] [--seed S] [--json]  (N and S whole numbers, N ≥ 1)');
  process.exit(2);
}
const kb = await loadKnowledgeBase('data');
const { examples, ...report } = runFuzz(kb, count, seed);
if (values.json) console.log(JSON.stringify(report));
else {
  console.log(report);
  for (const e of examples) console.log(`  ${e}`);
}
process.exitCode = clean({ ...report, examples }) ? 0 : 1;

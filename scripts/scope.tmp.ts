import { trace } from '../src/core/ask.ts';
import { loadKnowledgeBase } from '../src/kb/loader.ts';
import { loadRealQuestions } from '../test/support/real-questions.ts';

const kb = await loadKnowledgeBase('data');
const split = process.argv[2] ?? 'dev';
const rows = loadRealQuestions()
  .filter((q) => q.split === split)
  .map((item) => ({ item, s: trace(kb, item.q).evidence?.scopeScore ?? 0 }));
const pos = rows.filter((r) => r.item.kind !== 'none'),
  neg = rows.filter((r) => r.item.kind === 'none');
let auc = 0;
for (const p of pos) for (const n of neg) auc += p.s > n.s ? 1 : p.s === n.s ? 0.5 : 0;
console.log('AUC', (auc / (pos.length * neg.length)).toFixed(3));
console.log('--- in-scope, lowest scope');
for (const r of pos.sort((a, b) => a.s - b.s).slice(0, 12))
  console.log(r.s.toFixed(2), r.item.q.replace(/\s+/g, ' ').slice(0, 130));
console.log('--- out of scope, highest scope');
for (const r of neg.sort((a, b) => b.s - a.s).slice(0, 16))
  console.log(r.s.toFixed(2), r.item.q.replace(/\s+/g, ' ').slice(0, 130));

// `npm run eval [-- --split train,dev] [--misses]`: answer quality on the real-question corpus, per split and kind.
import { parseArgs } from 'node:util';
import { topicsOf } from '../src/core/answer.ts';
import { respond } from '../src/core/respond.ts';
import { loadKnowledgeBase } from '../src/kb/loader.ts';
import { judge, loadQuestions } from '../test/support/questions.ts';
import {
  describeWant,
  isRight,
  loadRealQuestions,
  type RealQuestion,
  type Split,
} from '../test/support/real-questions.ts';

const { values } = parseArgs({
  options: { split: { type: 'string', default: 'train,dev' }, misses: { type: 'boolean', default: false } },
});
const splits = (values.split ?? '').split(',') as Split[];
const kb = await loadKnowledgeBase('data');
const corpus = loadRealQuestions();

type Row = { item: RealQuestion; right: boolean; got: string };
const rows: Row[] = corpus
  .filter((i) => splits.includes(i.split))
  .map((item) => {
    const answer = respond(kb, { type: 'question', text: item.q });
    return {
      item,
      right: isRight(item, answer),
      got: `${answer.kind} [${topicsOf(answer).slice(0, 3).join(', ')}]`,
    };
  });

const pct = (part: Row[]) =>
  part.length === 0
    ? '—'
    : `${((100 * part.filter((r) => r.right).length) / part.length).toFixed(1)}% (${part.filter((r) => r.right).length}/${part.length})`;
const kinds = ['topic', 'compare', 'list', 'none'] as const;
console.log(`split      in-scope          out-of-scope      ${kinds.join(' / ')}`);
for (const split of splits) {
  const s = rows.filter((r) => r.item.split === split);
  const inScope = s.filter((r) => r.item.kind !== 'none');
  const out = s.filter((r) => r.item.kind === 'none');
  console.log(
    `${split.padEnd(10)} ${pct(inScope).padEnd(17)} ${pct(out).padEnd(17)} ${kinds.map((k) => pct(s.filter((r) => r.item.kind === k))).join(' / ')}`,
  );
}
const inScope = rows.filter((r) => r.item.kind !== 'none');
const out = rows.filter((r) => r.item.kind === 'none');
const declined = (r: Row) => r.got.startsWith('none');
console.log('\nanswer vs decline (all shown splits):');
console.log(
  `  in-scope answered ${inScope.filter((r) => !declined(r)).length}, declined ${inScope.filter(declined).length}`,
);
console.log(
  `  out-of-scope answered ${out.filter((r) => !declined(r)).length}, declined ${out.filter(declined).length}`,
);
if (values.misses) {
  console.log('\nmisses:');
  for (const r of rows.filter((x) => !x.right)) {
    const want = describeWant(r.item);
    console.log(
      `  [${r.item.split}] ${r.item.q.replace(/\s+/g, ' ').slice(0, 140)}\n      want ${want}; got ${r.got}`,
    );
  }
}

// Our own regression set (test/fixtures/questions.yaml), which the tests hold to its floor.
const own = loadQuestions().map((c) => judge(kb, c));
const ownIn = own.filter((o) => o.case.expect !== 'none' && o.case.expect !== 'help');
const ownOut = own.filter((o) => o.case.expect === 'none');
console.log(
  `\nregression set: in scope ${ownIn.filter((o) => o.ok).length}/${ownIn.length}, off topic declined ${ownOut.filter((o) => o.ok).length}/${ownOut.length}`,
);

import { FITTED } from '../src/core/stages/decision.ts';
import { linkMentions } from '../src/core/stages/mentions.ts';
import { parseQuestion } from '../src/core/stages/normalize.ts';
import { rankCandidates } from '../src/core/stages/rank.ts';
import { loadKnowledgeBase } from '../src/kb/loader.ts';

const kb = await loadKnowledgeBase('data');
for (const text of process.argv.slice(2)) {
  const q = parseQuestion(kb.index, text);
  const l = linkMentions(kb, q);
  console.log(
    text,
    '| named',
    l.entries.map((e) => e.id),
    'aside',
    l.setAside.map((e) => e.id),
  );
  for (const r of rankCandidates(kb, q, l, FITTED.rank).slice(0, 4))
    console.log(
      '  ',
      r.entry.id,
      r.score.toFixed(2),
      JSON.stringify(Object.fromEntries(Object.entries(r.features).filter(([, v]) => v !== 0))),
    );
}
console.log(FITTED.rank.features.map((f, i) => `${f}:${FITTED.rank.weights[i]}`).join(' '));

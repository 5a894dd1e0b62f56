import { topicsOf } from '../src/core/answer.ts';
import { trace } from '../src/core/ask.ts';
import { FITTED } from '../src/core/stages/decision.ts';
import { linkMentions } from '../src/core/stages/mentions.ts';
import { parseQuestion } from '../src/core/stages/normalize.ts';
import { rankCandidates } from '../src/core/stages/rank.ts';
import { loadKnowledgeBase } from '../src/kb/loader.ts';
import { isRight, loadRealQuestions } from '../test/support/real-questions.ts';

const kb = await loadKnowledgeBase('data');
const splits = (process.argv[2] ?? 'train').split(',');
for (const item of loadRealQuestions().filter((q) => splits.includes(q.split) && q.kind !== 'none')) {
  const t = trace(kb, item.q);
  const cand = t.evidence?.candidate?.answer;
  const candRight = cand ? isRight(item, cand) : false;
  if (isRight(item, t.answer)) continue;
  const q = parseQuestion(kb.index, item.q);
  const ranked = rankCandidates(kb, q, linkMentions(kb, q), FITTED.rank)
    .slice(0, 4)
    .map((r) => `${r.entry.id}:${r.score.toFixed(2)}`)
    .join(' ');
  const want = item.kind === 'compare' ? JSON.stringify(item.sides) : item.accept.join('|');
  console.log(
    `${candRight ? 'DECLINED' : cand ? 'WRONG' : 'NONE'} s=${t.evidence?.scopeScore.toFixed(2)} [${item.split}] ${item.q.replace(/\s+/g, ' ').slice(0, 110)}\n    want ${want}\n    cand ${cand ? cand.kind + ' ' + topicsOf(cand).slice(0, 3).join(',') : '-'} via ${t.evidence?.candidate?.via}; ranked ${ranked}`,
  );
}

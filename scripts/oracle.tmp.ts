import { trace } from '../src/core/ask.ts';
import { FITTED } from '../src/core/stages/decision.ts';
import { linkMentions } from '../src/core/stages/mentions.ts';
import { parseQuestion } from '../src/core/stages/normalize.ts';
import { rankCandidates } from '../src/core/stages/rank.ts';
import { loadKnowledgeBase } from '../src/kb/loader.ts';
import { isRight, loadRealQuestions } from '../test/support/real-questions.ts';

const kb = await loadKnowledgeBase('data');
for (const split of ['train', 'dev']) {
  let n = 0,
    top1 = 0,
    top4 = 0,
    candRight = 0,
    final = 0,
    declinedRight = 0;
  for (const item of loadRealQuestions().filter((q) => q.split === split && q.kind !== 'none')) {
    n++;
    const about = item.kind === 'compare' ? item.sides.flat() : item.accept;
    const q = parseQuestion(kb.index, item.q);
    const r = rankCandidates(kb, q, linkMentions(kb, q), FITTED.rank);
    if (r[0] && about.includes(r[0].entry.id)) top1++;
    if (r.slice(0, 4).some((x) => about.includes(x.entry.id))) top4++;
    const t = trace(kb, item.q);
    const c = t.evidence?.candidate?.answer;
    if (c && isRight(item, c)) {
      candRight++;
      if (!isRight(item, t.answer)) declinedRight++;
    }
    if (isRight(item, t.answer)) final++;
  }
  console.log({ split, n, rankTop1: top1, rankTop4: top4, candRight, declinedRight, final });
}

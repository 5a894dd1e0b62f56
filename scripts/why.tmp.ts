import { topicsOf } from '../src/core/answer.ts';
import { trace } from '../src/core/ask.ts';
import { probability } from '../src/core/logistic.ts';
import { FITTED } from '../src/core/stages/decision.ts';
import { loadKnowledgeBase } from '../src/kb/loader.ts';

const kb = await loadKnowledgeBase('data');
for (const q of process.argv.slice(2)) {
  const t = trace(kb, q);
  const e = t.evidence;
  console.log(
    `\n${q} → ${t.answer.kind} ${topicsOf(t.answer).slice(0, 2)}; via ${e?.candidate?.via} ${e?.candidate ? topicsOf(e.candidate.answer).slice(0, 2) : ''}`,
  );
  console.log(
    `  scope ${e?.scopeScore.toFixed(2)} (≥${FITTED.scope.threshold}) decision ${e?.decision ? probability(FITTED.decision, e.decision).toFixed(2) : '-'} (≥${FITTED.decision.threshold})`,
  );
  console.log('  scope f:', JSON.stringify(e?.scope));
  console.log('  decision f:', JSON.stringify(e?.decision));
}

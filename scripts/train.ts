// `npm run train`: fits the question path's decisions and writes src/core/fitted.json.
// - rank: which candidate entry a question is about;
// - words + scope: whether a question is about the taxonomy at all, or a practical one;
// - decision: whether to answer with the candidate or decline;
// - thresholds and the text gate, for short and for longer questions.
// It reads the train split of the real questions and our own regression set (a guard: the choice of
// thresholds must keep it at its targets). The dev and test splits stay unseen.
import { writeFile } from 'node:fs/promises';
import { type Answer, topicsOf } from '../src/core/answer.ts';
import { trace } from '../src/core/ask.ts';
import {
  type Features,
  type FitOptions,
  fitChoice,
  fitLogistic,
  type LogisticModel,
} from '../src/core/logistic.ts';
import { type Evidence, type Fitted, meaningfulWords, shouldAnswer } from '../src/core/stages/decision.ts';
import { linkMentions } from '../src/core/stages/mentions.ts';
import { parseQuestion } from '../src/core/stages/normalize.ts';
import { rankCandidates } from '../src/core/stages/rank.ts';
import { wordStems } from '../src/core/stages/scope.ts';
import { loadKnowledgeBase } from '../src/kb/loader.ts';
import { loadQuestions, type QuestionCase } from '../test/support/questions.ts';
import { acceptedIds, isRight, loadRealQuestions } from '../test/support/real-questions.ts';

const OPTIONS: FitOptions = { l2: 0.05, iterations: 3000, learningRate: 0.3 };
// The ranker sees many more choices than the other models see questions, so it can afford a lighter penalty.
const RANK_OPTIONS: FitOptions = { l2: 0.005, iterations: 3000, learningRate: 0.3 };
const OUT = new URL('../src/core/fitted.json', import.meta.url);
/** The regression set, all together, weighs this much against the real train split in the decision and ranking. */
const REGRESSION_SHARE = 0.5;
/** What the regression set must keep: 98% answered right, every off-topic question declined. */
const GUARD = { inScope: 0.99, out: 1 };
/** Questions of at most this many meaningful words get their own thresholds and the text gate. */
const SHORT_WORDS = 5;
const FOLDS = 5;

/** Until fitted, every question is in scope and every candidate answered: the evidence does not depend on it. */
const OPEN: LogisticModel = { features: [], weights: [], bias: 10, means: [], scales: [] };
const OPEN_FITTED: Fitted = {
  trainedOn: 'open',
  rank: OPEN,
  scope: OPEN,
  words: {},
  decision: OPEN,
  thresholds: { shortWords: SHORT_WORDS, short: { scope: 0, decision: 0 }, long: { scope: 0, decision: 0 } },
  textGate: { minCoverage: 0, minScore: 0, minKeywordCover: 0 },
};

/** A question to learn from: its text, whether it is in scope, how to tell a right answer, the ids it is about. */
type Example = {
  q: string;
  inScope: boolean;
  weight: number;
  right: (a: Answer) => boolean;
  about: readonly string[];
  real: boolean;
};

function regressionRight(c: QuestionCase, answer: Answer): boolean {
  const topics = topicsOf(answer);
  if (c.expect === 'none') return answer.kind === 'none';
  if (c.expect === 'help') return answer.kind === 'help';
  if (Array.isArray(c.expect)) return c.expect.every((id, i) => topics[i] === id);
  return topics[0] === c.expect || (topics[0] !== undefined && (c.also ?? []).includes(topics[0]));
}

const kb = await loadKnowledgeBase('data');
const real: Example[] = loadRealQuestions()
  .filter((item) => item.split === 'train')
  .map((item) => ({
    q: item.q,
    inScope: item.kind !== 'none',
    weight: 1,
    right: (a) => isRight(item, a),
    about: acceptedIds(item),
    real: true,
  }));
const ownCases = loadQuestions().filter((c) => c.expect !== 'help');
const own: Example[] = ownCases.map((c) => ({
  q: c.q,
  inScope: c.expect !== 'none',
  weight: (REGRESSION_SHARE * real.length) / ownCases.length,
  right: (a) => regressionRight(c, a),
  about: c.expect === 'none' ? [] : [c.expect, ...(c.also ?? [])].flat(),
  real: false,
}));
const examples = [...real, ...own];

function fitModel(rows: readonly { features: Features; label: boolean; weight: number }[]): LogisticModel {
  const names = Object.keys(rows[0]?.features ?? {});
  return fitLogistic(
    names,
    rows.map((r) => r.features),
    rows.map((r) => r.label),
    OPTIONS,
    rows.map((r) => r.weight),
  );
}

// 0. Ranking: which candidate entry is the question about? A choice among each question's candidates.
const rankGroups = examples
  .filter((ex) => ex.about.length > 0)
  .map((ex) => {
    const q = parseQuestion(kb.index, ex.q);
    const candidates = rankCandidates(kb, q, linkMentions(kb, q), OPEN);
    return {
      candidates: candidates.map((c) => c.features),
      right: candidates.map((c) => ex.about.includes(c.entry.id)),
    };
  });
const rank = fitChoice(Object.keys(rankGroups[0]?.candidates[0] ?? {}), rankGroups, RANK_OPTIONS);

// 1. Words: naive-Bayes log-odds of each stem, in scope against practical, from the real questions.
const stemsOf = (ex: Example) => wordStems(parseQuestion(kb.index, ex.q));
function naiveBayes(train: readonly Example[]): Record<string, number> {
  const counts = { in: new Map<string, number>(), out: new Map<string, number>() };
  const docs = { in: 0, out: 0 };
  for (const ex of train) {
    const side = ex.inScope ? 'in' : 'out';
    docs[side]++;
    for (const w of stemsOf(ex)) counts[side].set(w, (counts[side].get(w) ?? 0) + 1);
  }
  const model: Record<string, number> = {};
  for (const w of new Set([...counts.in.keys(), ...counts.out.keys()])) {
    const a = counts.in.get(w) ?? 0;
    const b = counts.out.get(w) ?? 0;
    // A word seen in a single question says little; keep the words with some support.
    if (a + b < 2) continue;
    model[w] = Math.round(Math.log((a + 1) / (docs.in + 2) / ((b + 1) / (docs.out + 2))) * 1000) / 1000;
  }
  return model;
}
const words = naiveBayes(real);
// Each real question is scored with words learned without it, as an unseen question would be.
const foldWords = Array.from({ length: FOLDS }, (_, k) => naiveBayes(real.filter((_, i) => i % FOLDS !== k)));
const wordsFor = (ex: Example, i: number) => (ex.real ? (foldWords[i % FOLDS] ?? words) : words);

function evidenceOf(fitted: (ex: Example, i: number) => Fitted): (Evidence | undefined)[] {
  return examples.map((ex, i) => trace(kb, ex.q, { fitted: fitted(ex, i) }).evidence);
}

// 2. Scope: is the question about the taxonomy at all? Learned from the real questions' form alone: our own
// off-topic questions ("what is a black hole") are nothing like the practical ones people ask.
const first = evidenceOf((ex, i) => ({ ...OPEN_FITTED, rank, words: wordsFor(ex, i) }));
const scope = fitModel(
  examples.flatMap((ex, i) => {
    const e = first[i];
    return ex.real && e ? [{ features: e.scope, label: ex.inScope, weight: 1 }] : [];
  }),
);

// 3. Decision: answer with this candidate, or decline? In scope, a decline and a wrong entry are both misses,
// so what it learns is whether the question, with this candidate, is one to answer at all.
const evidence = evidenceOf((ex, i) => ({ ...OPEN_FITTED, rank, scope, words: wordsFor(ex, i) }));
const decision = fitModel(
  examples.flatMap((ex, i) => {
    const e = evidence[i];
    return e?.decision ? [{ features: e.decision, label: ex.inScope, weight: ex.weight }] : [];
  }),
);

// 4. Thresholds and the text gate, separately for short and long questions: the best balance on real
// questions among the choices that keep the regression set at its targets.
type Row = { ex: Example; evidence?: Evidence; words: number };
const rows: Row[] = examples.map((ex, i) => {
  const e = evidence[i];
  return { ex, words: meaningfulWords(parseQuestion(kb.index, ex.q)), ...(e ? { evidence: e } : {}) };
});
type Pair = { scope: number; decision: number };
type Gate = Fitted['textGate'];

function rightWith(r: Row, fitted: Fitted): boolean {
  const e = r.evidence;
  const answered = e?.candidate !== undefined && e !== undefined && shouldAnswer(e, r.words, fitted);
  return answered && e.candidate ? r.ex.right(e.candidate.answer) : !r.ex.inScope;
}

function rates(part: readonly Row[], fitted: Fitted): { inScope: number; out: number } {
  const rate = (inScope: boolean) => {
    const xs = part.filter((r) => r.ex.inScope === inScope);
    return xs.length === 0 ? 1 : xs.filter((r) => rightWith(r, fitted)).length / xs.length;
  };
  return { inScope: rate(true), out: rate(false) };
}

function withChoice(pair: Pair, gate: Gate, short: boolean): Fitted {
  const thresholds = { shortWords: SHORT_WORDS, short: pair, long: pair };
  return {
    ...OPEN_FITTED,
    rank,
    scope,
    words,
    decision,
    thresholds,
    textGate: short ? gate : OPEN_FITTED.textGate,
  };
}

function choose(short: boolean, gates: readonly Gate[]): { pair: Pair; gate: Gate; real: number } {
  const part = rows.filter((r) => r.words <= SHORT_WORDS === short);
  const ownPart = part.filter((r) => !r.ex.real);
  const realPart = part.filter((r) => r.ex.real);
  let best = {
    pair: { scope: 0.5, decision: 0.5 },
    gate: gates[0] ?? OPEN_FITTED.textGate,
    real: -1,
    guard: -9,
  };
  for (const gate of gates) {
    for (let i = 0; i <= 39; i++) {
      for (let j = 0; j <= 39; j++) {
        const pair = { scope: i / 40, decision: j / 40 };
        const fitted = withChoice(pair, gate, short);
        const o = rates(ownPart, fitted);
        const guard = Math.min(0, o.inScope - GUARD.inScope) + Math.min(0, o.out - GUARD.out);
        const r = rates(realPart, fitted);
        const value = (r.inScope + r.out) / 2;
        // Ties go to the thresholds nearest the middle: they depend least on the exact training sample.
        const spread = (p: Pair) => Math.abs(p.scope - 0.5) + Math.abs(p.decision - 0.5);
        const better =
          guard > best.guard + 1e-9 ||
          (Math.abs(guard - best.guard) <= 1e-9 &&
            (value > best.real + 1e-9 ||
              (Math.abs(value - best.real) <= 1e-9 && spread(pair) < spread(best.pair))));
        if (better) best = { pair, gate, real: value, guard };
      }
    }
  }
  return best;
}

const gates = [0, 0.4, 0.6, 0.8].flatMap((minCoverage) =>
  [0, 2, 3, 4, 5].flatMap((minScore) =>
    [0.5, 0.67, 0.75, 1.01].map((minKeywordCover) => ({ minCoverage, minScore, minKeywordCover })),
  ),
);
const shortChoice = choose(true, gates);
const longChoice = choose(false, [OPEN_FITTED.textGate]);

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const asJson = (m: LogisticModel) => ({
  features: m.features,
  weights: m.weights.map(round4),
  bias: round4(m.bias),
  means: m.means.map(round4),
  scales: m.scales.map(round4),
});
const fitted: Fitted = {
  trainedOn: `real train split (${real.length} questions) and the regression set (${own.length}) as a guard`,
  rank: asJson(rank),
  scope: asJson(scope),
  words,
  decision: asJson(decision),
  thresholds: { shortWords: SHORT_WORDS, short: shortChoice.pair, long: longChoice.pair },
  textGate: shortChoice.gate,
};
await writeFile(OUT, `${JSON.stringify(fitted, null, 2)}\n`);

const ownRates = rates(
  rows.filter((r) => !r.ex.real),
  fitted,
);
const realRates = rates(
  rows.filter((r) => r.ex.real),
  fitted,
);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(
  `train split: ${pct(realRates.inScope)} in scope answered right, ${pct(realRates.out)} out of scope declined; ` +
    `regression set: ${pct(ownRates.inScope)} / ${pct(ownRates.out)}`,
);
console.log(`thresholds ${JSON.stringify(fitted.thresholds)}, text gate ${JSON.stringify(fitted.textGate)}`);
for (const [name, model] of [
  ['rank', fitted.rank],
  ['scope', fitted.scope],
  ['decision', fitted.decision],
] as const) {
  const ranked = model.features
    .map((f, i) => [f, model.weights[i] ?? 0] as const)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  console.log(`${name}: ${ranked.map(([f, w]) => `${f} ${w > 0 ? '+' : ''}${w.toFixed(2)}`).join(', ')}`);
}

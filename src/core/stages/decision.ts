// Stage 6: decision. Answer with the candidate, or say "I don't know" and offer what came close.
// Both the scope score and the evidence for the candidate feed one fitted model.
import { z } from 'zod';
import type { KnowledgeBase } from '../../kb/graph.ts';
import type { Entry } from '../../kb/schema.ts';
import type { Answer } from '../answer.ts';
import { noneAnswer } from '../build.ts';
import fitted from '../fitted.json' with { type: 'json' };
import { type Features, type LogisticModel, probability } from '../logistic.ts';
import { MAX_SUGGESTIONS } from '../tuning.ts';
import type { Candidate, Intent } from './intent.ts';
import { isEverydayName, type Linked } from './mentions.ts';
import { isFiller, type Question } from './normalize.ts';
import { searchQuestion } from './retrieval.ts';
import { scopeFeatures, unknownShareOf } from './scope.ts';

const Probability = z.number().min(0).max(1);

const ModelSchema = z.object({
  features: z.array(z.string()).readonly(),
  weights: z.array(z.number()).readonly(),
  bias: z.number(),
  means: z.array(z.number()).readonly(),
  scales: z.array(z.number()).readonly(),
});
export const FittedSchema = z.object({
  trainedOn: z.string(),
  rank: ModelSchema,
  scope: ModelSchema,
  /** Word stems → log-odds that a question using them is in scope (naive Bayes over the train split). */
  words: z.record(z.string(), z.number()),
  decision: ModelSchema,
  /**
   * The probabilities above which a question counts as in scope and a candidate is answered, one pair for
   * short questions (at most `shortWords` meaningful words) and one for longer ones: they read differently.
   */
  thresholds: z.object({
    shortWords: z.number().int().min(0),
    short: z.object({ scope: Probability, decision: Probability }),
    long: z.object({ scope: Probability, decision: Probability }),
  }),
  /**
   * In a short question, a topic found by text search alone (nothing named) must match at least this much,
   * or use most of the words of one of its keyword phrases.
   */
  textGate: z.object({ minCoverage: z.number(), minScore: z.number(), minKeywordCover: z.number() }),
});
export type Fitted = z.infer<typeof FittedSchema>;

/** The weights `npm run train` fitted to the real questions' train split. */
export const FITTED: Fitted = FittedSchema.parse(fitted);

/** The probability that a question is about the taxonomy at all, from its form. */
export function scopeScore(f: Features, model: LogisticModel = FITTED.scope): number {
  return probability(model, f);
}

function logit(p: number): number {
  const clamped = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(clamped / (1 - clamped));
}

/** Interpretable evidence that the candidate answers the question. */
export function decisionFeatures(
  q: Question,
  linked: Linked,
  intent: Intent,
  candidate: Candidate,
  scope: number,
  unknownShare: number,
): Features {
  const meaningful = Math.max(1, q.words.filter((w) => !isFiller(w)).length);
  const longest = Math.max(0, ...linked.spans.map((m) => m.end - m.start));
  const everyday = linked.spans.length > 0 && linked.spans.every((m) => isEverydayName(q.words, m));
  const hit = candidate.hit;
  const named = candidate.via === 'name' || candidate.via === 'names' || candidate.via === 'within';
  return {
    scope: logit(scope),
    named: named ? 1 : 0,
    text: candidate.via === 'text' ? 1 : 0,
    size: candidate.via === 'size' ? 1 : 0,
    compare: candidate.answer.kind === 'compare' ? 1 : 0,
    list: candidate.answer.kind === 'list' ? 1 : 0,
    mentionWords: Math.min(longest, 4),
    mentions: Math.min(linked.entries.length, 3),
    everyday: everyday ? 1 : 0,
    covered: Math.min(1, linked.coveredCount / meaningful),
    hitScore: hit ? Math.log1p(hit.score) : 0,
    hitCoverage: hit?.coverage ?? 0,
    hitByName: hit?.byName ? 1 : 0,
    hitDetailsOnly: hit?.detailsOnly ? 1 : 0,
    cue: intent.compareCue || intent.listCue || intent.focus !== 'overview' ? 1 : 0,
    rankScore: candidate.rank ? logit(candidate.rank.score) : 0,
    rankMargin: candidate.rank?.margin ?? 0,
    ranked: candidate.rank ? 1 : 0,
    keywordCover: candidate.rank?.keywordCover ?? 0,
    length: Math.log1p(q.words.length),
    unknownShare,
  };
}

/** Everything the decision is made from, so training and answering compute it the same way. */
export type Evidence = { scope: Features; scopeScore: number; decision?: Features; candidate?: Candidate };

export function gatherEvidence(
  kb: KnowledgeBase,
  q: Question,
  linked: Linked,
  intent: Intent,
  candidate: Candidate | undefined,
  fittedModels: Fitted = FITTED,
): Evidence {
  const scope = scopeFeatures(kb.index, q, linked, fittedModels.words);
  const score = scopeScore(scope, fittedModels.scope);
  if (!candidate) return { scope, scopeScore: score };
  const decision = decisionFeatures(q, linked, intent, candidate, score, unknownShareOf(kb.index, q));
  return { scope, scopeScore: score, candidate, decision };
}

/** Whether the models say to answer with the evidence's candidate. */
export function shouldAnswer(evidence: Evidence, words: number, fittedModels: Fitted = FITTED): boolean {
  const { candidate, decision } = evidence;
  const short = words <= fittedModels.thresholds.shortWords;
  const t = short ? fittedModels.thresholds.short : fittedModels.thresholds.long;
  return (
    candidate !== undefined &&
    decision !== undefined &&
    evidence.scopeScore >= t.scope &&
    (!short || passesTextGate(candidate, fittedModels.textGate)) &&
    probability(fittedModels.decision, decision) >= t.decision
  );
}

/** Answer when both models say so; otherwise "I don't know", offering the entries that came close. */
export function decide(
  kb: KnowledgeBase,
  q: Question,
  linked: Linked,
  evidence: Evidence,
  fittedModels: Fitted = FITTED,
): Answer {
  if (evidence.candidate && shouldAnswer(evidence, meaningfulWords(q), fittedModels))
    return evidence.candidate.answer;
  return noneAnswer(q.text, suggestions(kb, q, linked));
}

/**
 * Whether a topic found by text alone matched enough of a short question; a named topic always passes. In a
 * long question a match covers little of it anyway, so the gate is for short ones ("what is a black hole").
 */
export function passesTextGate(candidate: Candidate, gate: Fitted['textGate']): boolean {
  if (candidate.via !== 'text' || !candidate.hit) return true;
  if ((candidate.rank?.keywordCover ?? 0) >= gate.minKeywordCover) return true;
  return candidate.hit.coverage >= gate.minCoverage && candidate.hit.score >= gate.minScore;
}

export function meaningfulWords(q: Question): number {
  return q.words.filter((w) => !isFiller(w)).length;
}

/** A suggestion must match at least this share of the meaningful words by a name or keyword. */
const SUGGESTION_COVERAGE = 0.34;
/** ...and score at least this share of the best hit. */
const SUGGESTION_SCORE_RATIO = 0.5;

function suggestions(kb: KnowledgeBase, q: Question, linked: Linked): Entry[] {
  // A name repeated in the question ("bard … bard") is one suggestion, not two buttons with one id.
  const named = [...new Set([...linked.entries, ...linked.setAside])];
  if (named.length > 0) return named.slice(0, MAX_SUGGESTIONS);
  const hits = searchQuestion(kb.index, q);
  const [top] = hits;
  const close = hits
    .filter(
      (h) =>
        h.byName &&
        h.coverage >= SUGGESTION_COVERAGE &&
        h.score >= (top?.score ?? 0) * SUGGESTION_SCORE_RATIO,
    )
    .flatMap((h) => kb.byId.get(h.id) ?? []);
  return close.slice(0, MAX_SUGGESTIONS);
}

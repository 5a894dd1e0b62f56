// Part of stage 5: which entry is a question about? Every named entry and the best text hits are
// candidates; a fitted model scores each from interpretable features and the best one leads.
import { type KnowledgeBase, parentOf } from '../../kb/graph.ts';
import type { Entry } from '../../kb/schema.ts';
import { processTerm } from '../../kb/search-index.ts';
import { type Features, type LogisticModel, linearScore } from '../logistic.ts';
import {
  CONFIDENT_HIT_COVERAGE,
  CONFIDENT_HIT_SCORE,
  MIN_SHARE_OF_TOP_SCORE,
  OVERRIDE_MARGIN,
} from '../tuning.ts';
import type { Linked } from './mentions.ts';
import { isFiller, type Question } from './normalize.ts';
import { bestHit, type Hit, isRareWord, searchQuestion, searchTerm, searchText } from './retrieval.ts';

/** How many text hits join the named entries as candidates. */
const TEXT_CANDIDATES = 5;
/** A question of at most this many meaningful words is short enough for one hit to explain it all. */
const SHORT_FOR_TEXT = 5;

/** A candidate entry with its features and its share of the fitted preference among all candidates. */
export type Ranked = { entry: Entry; features: Features; score: number; hit?: Hit };

const KINDS = ['concept', 'model', 'architecture', 'training', 'category', 'dimension', 'root'] as const;

/** How many times each entry's keyword phrases occur in the question, longer phrases counting more. */
function keywordCounts(kb: KnowledgeBase, words: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (let start = 0; start < words.length; start++) {
    const longest = kb.index.keywordStarts.get(words[start] ?? '') ?? 0;
    for (let len = 1; len <= longest && start + len <= words.length; len++) {
      const key = words.slice(start, start + len).join(' ');
      for (const id of kb.index.keywordPhrases.get(key) ?? []) counts.set(id, (counts.get(id) ?? 0) + len);
    }
  }
  return counts;
}

/** The best share of one of an entry's keyword phrases whose words the question uses, in any order. */
export function keywordCover(kb: KnowledgeBase, e: Entry, stems: ReadonlySet<string>): number {
  let best = 0;
  for (const set of kb.index.keywordStems.get(e.id) ?? []) {
    best = Math.max(best, set.filter((s) => stems.has(s)).length / set.length);
  }
  return best;
}

/** The most words of a keyword phrase the question uses all of: a longer description matched is stronger evidence. */
function keywordLength(kb: KnowledgeBase, e: Entry, stems: ReadonlySet<string>): number {
  let best = 0;
  for (const set of kb.index.keywordStems.get(e.id) ?? []) {
    if (set.every((s) => stems.has(s))) best = Math.max(best, set.length);
  }
  return best;
}

/** The question's searched stems. */
export function questionStems(q: Question): Set<string> {
  return new Set(q.words.flatMap((w) => processTerm(w) ?? []));
}

/** What every candidate of one question is scored against, worked out once per question. */
type RankContext = {
  kb: KnowledgeBase;
  linked: Linked;
  hitOf: ReadonlyMap<string, Hit>;
  rankOf: ReadonlyMap<string, number>;
  keywords: ReadonlyMap<string, number>;
  short: boolean;
  restHits: readonly Hit[];
  steered: string | undefined;
  stems: ReadonlySet<string>;
  namedIds: ReadonlySet<string>;
};

function candidateFeatures(ctx: RankContext, e: Entry): Features {
  const { kb, linked, hitOf, rankOf, keywords, short, restHits, steered, stems, namedIds } = ctx;
  const places = linked.occurrences.filter((m) => m.id === e.id);
  const cover = (keywords.get(e.id) ?? 0) > 0 ? 1 : keywordCover(kb, e, stems);
  // Every word of a keyword phrase, in any order ("why plain RNNs forget" in "why do plain rnns forget ..."),
  // is as good as the phrase itself.
  const described = (keywords.get(e.id) ?? 0) > 0 || cover >= 1;
  const named = linked.entries.includes(e);
  const parent = parentOf(kb, e.id);
  const hit = hitOf.get(e.id);
  const restHit = restHits.find((h) => h.id === e.id);
  const rank = rankOf.get(e.id);
  const otherModel = linked.entries.some((x) => x.kind === 'model' && x.id !== e.id);
  const kinds = Object.fromEntries(KINDS.map((k) => [`kind_${k}`, e.kind === k ? 1 : 0]));
  return {
    named: named ? 1 : 0,
    setAside: !named && linked.setAside.includes(e) ? 1 : 0,
    times: Math.min(places.length, 3),
    first: linked.entries[0] === e ? 1 : 0,
    explicit: linked.namedExplicitly.has(e.id) ? 1 : 0,
    nameWords: Math.min(Math.max(0, ...places.map((m) => m.end - m.start)), 4),
    ...kinds,
    conceptOfModel: e.kind === 'concept' && otherModel ? 1 : 0,
    // "what modality is Flamingo": the dimension qualifies the question about the model.
    qualifier:
      (e.kind === 'dimension' || e.kind === 'root') &&
      linked.entries.some((x) => x.kind !== 'dimension' && x.kind !== 'root')
        ? 1
        : 0,
    parentNamed: parent !== undefined && namedIds.has(parent) ? 1 : 0,
    childNamed: linked.entries.some((x) => parentOf(kb, x.id) === e.id) ? 1 : 0,
    relatedNamed: Math.min(e.related.filter((id) => namedIds.has(id)).length, 3),
    keywords: Math.min(keywords.get(e.id) ?? 0, 4),
    keywordCover: cover,
    keywordLength: Math.min(keywordLength(kb, e, stems), 4),
    // Described, not named, while something else is named: "why is it called llama 13B".
    describedBesideName: !named && linked.entries.length > 0 && described ? 1 : 0,
    textScore: hit ? Math.log1p(hit.score) : 0,
    textRank: rank === undefined ? 0 : 1 / (rank + 1),
    textCoverage: hit?.coverage ?? 0,
    // In a short question a hit that explains every word is strong evidence; in a long one no hit can.
    textFullShort: short && hit?.coverage === 1 ? 1 : 0,
    textByName: hit?.byName ? 1 : 0,
    textDetailsOnly: hit?.detailsOnly ? 1 : 0,
    // What the words besides the names point at: "how does BERT split rare words".
    restScore: restHit ? Math.log1p(restHit.score) : 0,
    restTop: restHits[0]?.id === e.id ? 1 : 0,
    steered: steered === e.id ? 1 : 0,
  };
}

/** The candidate entries for a question, each with its features and score, best first. */
export function rankCandidates(
  kb: KnowledgeBase,
  q: Question,
  linked: Linked,
  model: LogisticModel,
): Ranked[] {
  const hits = searchQuestion(kb.index, q);
  const short = q.words.filter((w) => !isFiller(w)).length <= SHORT_FOR_TEXT;
  const rankOf = new Map(hits.map((h, i) => [h.id, i]));
  const hitOf = new Map(hits.map((h) => [h.id, h]));
  const keywords = keywordCounts(kb, q.words);
  const restHits = linked.entries.length > 0 ? searchText(kb.index, linked.rest) : [];
  const steered = betterTextHit(kb, q, linked)?.entry.id;
  const stems = questionStems(q);
  const ids = new Set([...linked.entries, ...linked.setAside].map((e) => e.id));
  for (const h of [...hits.slice(0, TEXT_CANDIDATES), ...restHits.slice(0, 2)]) ids.add(h.id);
  if (steered) ids.add(steered);
  for (const id of keywords.keys()) ids.add(id);
  const ctx: RankContext = {
    kb,
    linked,
    hitOf,
    rankOf,
    keywords,
    short,
    restHits,
    steered,
    stems,
    namedIds: new Set(linked.entries.map((x) => x.id)),
  };
  const scored = [...ids].flatMap((id) => {
    const e = kb.byId.get(id);
    if (!e) return [];
    const features = candidateFeatures(ctx, e);
    const hit = hitOf.get(id);
    return [{ entry: e, features, raw: linearScore(model, features), ...(hit ? { hit } : {}) }];
  });
  // The softmax over the candidates: how strongly the model prefers each one to the rest.
  let top = Number.NEGATIVE_INFINITY;
  for (const c of scored) top = Math.max(top, c.raw);
  const total = scored.reduce((sum, c) => sum + Math.exp(c.raw - top), 0);
  return scored
    .map(({ raw, ...c }) => ({ ...c, score: Math.exp(raw - top) / total }))
    .sort((a, b) => b.score - a.score);
}

/** A text hit, other than the names mentioned, that explains the whole question better than they do. */
export function betterTextHit(
  kb: KnowledgeBase,
  q: Question,
  linked: Linked,
): { entry: Entry; hit: Hit } | undefined {
  const hits = searchQuestion(kb.index, q);
  const hit = bestHit(hits, MIN_SHARE_OF_TOP_SCORE);
  if (!hit || hit.coverage < CONFIDENT_HIT_COVERAGE || hit.score < CONFIDENT_HIT_SCORE) return undefined;
  if (linked.entries.some((m) => m.id === hit.id)) return undefined;
  // Words the named entries already explain ("memory" for transformers) cannot steer away from them.
  const explained = new Set(
    hits.filter((h) => linked.entries.some((m) => m.id === h.id)).flatMap((h) => h.terms),
  );
  // "how is chatgpt trained": "trained" is in half the entries and must not steer away from ChatGPT;
  // "mixing an lstm with attention": "mixing" is rare, and points at the hybrid.
  const steering = linked.rest.filter((w) => {
    const term = searchTerm(w);
    return term !== null && hit.terms.includes(term) && !explained.has(term) && isRareWord(kb.index, w);
  });
  if (steering.length === 0) return undefined;
  const enough = hit.coverage === 1 ? linked.coveredCount + 1 : linked.coveredCount + OVERRIDE_MARGIN;
  const entry = kb.byId.get(hit.id);
  return hit.matched >= enough && entry ? { entry, hit } : undefined;
}

// Stage 4 (with 5): what the question asks for, and the answer that would serve it: a topic, a
// comparison (however it is phrased), a list, or a combination of names that asks about a third thing.
import { entriesOf, type KnowledgeBase, membersOf, parentOf } from '../../kb/graph.ts';
import { COMPARE_SEPARATORS } from '../../kb/lexicon.ts';
import type { Entry } from '../../kb/schema.ts';
import type { Answer, Focus } from '../answer.ts';
import { compareAnswer, intersectionAnswer, listAnswer, topicAnswer, unionAnswer } from '../build.ts';
import type { LogisticModel } from '../logistic.ts';
import { CONFIDENT_HIT_COVERAGE, CONFIDENT_HIT_SCORE, MIN_SHARE_OF_TOP_SCORE } from '../tuning.ts';
import {
  detectFocus,
  detectSize,
  hasCompareCue,
  hasListCue,
  hasStrongCompareCue,
  type SizeBound,
} from './cues.ts';
import type { Linked } from './mentions.ts';
import { isFiller, type Question } from './normalize.ts';
import { betterTextHit, rankCandidates } from './rank.ts';
import { bestHit, type Hit, searchText } from './retrieval.ts';

/** How a candidate answer was found: it decides how much the decision stage trusts it. */
export type Via = 'name' | 'names' | 'text' | 'size' | 'within';

/** An answer the question path could give, with the evidence behind it. */
export type Candidate = {
  answer: Answer;
  via: Via;
  hit?: Hit;
  /** For a topic found by ranking: the winner's score, how far ahead of the runner-up it is, its keyword match. */
  rank?: { score: number; margin: number; keywordCover: number };
};

/** What the intent stage reads off a question. */
export type Intent = {
  focus: Focus;
  listCue: boolean;
  compareCue: boolean;
  size: SizeBound | undefined;
};

export function readIntent(q: Question): Intent {
  return {
    focus: detectFocus(q.words),
    listCue: hasListCue(q.words),
    compareCue: hasCompareCue(q.words),
    size: detectSize(q.text),
  };
}

type Ctx = { kb: KnowledgeBase; q: Question; linked: Linked; intent: Intent; ranker: LogisticModel };

/** The best answer the question path can put together, or undefined when nothing is named or found. */
export function candidateFor(
  kb: KnowledgeBase,
  q: Question,
  linked: Linked,
  intent: Intent,
  ranker: LogisticModel,
): Candidate | undefined {
  const ctx: Ctx = { kb, q, linked, intent, ranker };
  return bySize(ctx) ?? byComparison(ctx) ?? byList(ctx) ?? byTopic(ctx);
}

/** Whether a parameter count fits a category's range ("under 1B" fits small models). */
function fitsRange(size: SizeBound, lo: number, hi: number): boolean {
  if (size.exact !== undefined) return size.exact >= lo && size.exact < hi;
  if (size.min !== undefined && size.max !== undefined) return lo >= size.min && hi <= size.max;
  if (size.max !== undefined) return hi <= size.max || (lo < size.max && size.max < hi && lo === 0);
  return size.min !== undefined && lo >= size.min;
}

function bySize({ kb, linked, intent, q }: Ctx): Candidate | undefined {
  const size = intent.size;
  // A size next to a named model or concept describes it ("the 175 billion parameters of GPT-3"); it does not
  // ask for a list. The word right after a number is its unit ("100B parameters"), not a concept asked about.
  const named = linked.spans.filter(
    (m) => !/^\d|^(thousand|million|billion|trillion)$/.test(q.words[m.start - 1] ?? ''),
  );
  const describes = named.some((m) => ['model', 'concept'].includes(kb.byId.get(m.id)?.kind ?? ''));
  // A size in a question that does not ask for models ("can I run 65B on 32 GB") is a practical detail.
  if (!size || describes || !intent.listCue) return undefined;
  const categories = kb.graph.ranged.filter((c) =>
    fitsRange(size, c.range?.min ?? 0, c.range?.max ?? Number.POSITIVE_INFINITY),
  );
  const [first] = categories;
  if (!first) return undefined;
  const sizeDimensions = new Set(categories.map((c) => kb.graph.dimensionOf.get(c.id)));
  const others = linked.entries.filter(
    (e) => e.kind === 'category' && !sizeDimensions.has(kb.graph.dimensionOf.get(e.id)),
  );
  if (others.length > 0) {
    const answer = intersectionAnswer(kb, [first, ...others]);
    return answer ? { answer, via: 'size' } : undefined;
  }
  if (categories.length > 1) {
    const answer = unionAnswer(kb, categories);
    return answer ? { answer, via: 'size' } : undefined;
  }
  const asList = intent.listCue || size.exact === undefined;
  return { answer: asList ? listAnswer(kb, first) : topicAnswer(kb, first, intent.focus), via: 'size' };
}

/** Everything a dimension lists, when the question asks to compare "the architectures" or "each approach". */
function dimensionComparison({ kb, linked, intent, q }: Ctx): Candidate | undefined {
  const [only] = linked.entries;
  if (linked.entries.length !== 1 || only?.kind !== 'dimension') return undefined;
  if (!hasStrongCompareCue(q.words) && intent.focus === 'overview') return undefined;
  const members = entriesOf(kb, membersOf(kb, only.id));
  return members.length >= 2 ? { answer: compareAnswer(kb, members, intent.focus), via: 'names' } : undefined;
}

/** Names joined by "vs", "or", "and", "with": "transformer or lstm for long text", "cnn and rnn". */
function namesSideBySide(ctx: Ctx): boolean {
  const { spans } = ctx.linked;
  return spans.some((m, i) => {
    const next = spans[i + 1];
    if (!next) return false;
    const between = ctx.q.words
      .slice(m.end, next.start)
      .filter((w) => w !== 'a' && w !== 'an' && w !== 'the');
    // "BERT & GPT" loses its "&" with the punctuation: names right next to each other are side by side too.
    return between.length === 0 || (between.length <= 2 && between.some((w) => COMPARE_SEPARATORS.has(w)));
  });
}

function byComparison(ctx: Ctx): Candidate | undefined {
  const { kb, linked, intent, q } = ctx;
  const dimension = dimensionComparison(ctx);
  if (dimension) return dimension;
  const mentions = linked.entries;
  const listOnly = intent.listCue && mentions.every((e) => e.kind === 'category' || e.kind === 'dimension');
  if (listOnly && !hasStrongCompareCue(q.words)) return undefined;
  if (mentions.length >= 2) {
    const combined = combination(ctx);
    if (combined) return combined;
    const short = q.words.filter((w) => !isFiller(w)).length <= linked.coveredCount + 1;
    const sameKind = new Set(mentions.map((e) => e.kind)).size === 1;
    // Names side by side, or names of one kind in a question of little else ("cnn rnn"), compare; in a longer
    // question two names are just context for a topic unless it asks to compare.
    if (
      intent.compareCue ||
      namesSideBySide(ctx) ||
      (short && sameKind && !betterTextHit(ctx.kb, ctx.q, ctx.linked))
    )
      return { answer: compareAnswer(kb, mentions, intent.focus), via: 'names' };
    return undefined;
  }
  if (!intent.compareCue) return undefined;
  const sides = resolveSides(ctx);
  return sides.length >= 2 ? { answer: compareAnswer(kb, sides, intent.focus), via: 'text' } : undefined;
}

const COMBINING = /^(combin|mix|merg|hybrid|fus|blend|together|join|integrat)/;

/** "models that mix a cnn with a transformer": two architectures named to ask about the one that combines them. */
function combination({ kb, linked, q, intent }: Ctx): Candidate | undefined {
  if (!q.words.some((w) => COMBINING.test(w))) return undefined;
  // A concept stands for its architecture here: "convolution with attention" mixes two architectures.
  const dims = new Set(
    linked.entries.map((e) =>
      kb.graph.dimensionOf.get(e.kind === 'concept' ? (parentOf(kb, e.id) ?? e.id) : e.id),
    ),
  );
  const [dim] = dims;
  if (dims.size !== 1 || dim === undefined) return undefined;
  const members = membersOf(kb, dim);
  // The category of that dimension that the question does not name and whose text speaks of combining.
  const hits = searchText(
    kb.index,
    ['hybrid', 'combine', ...q.words.filter((w) => COMBINING.test(w))],
    (id) => members.includes(id) && !linked.entries.some((e) => e.id === id),
  );
  const [top] = hits;
  const entry = top ? kb.byId.get(top.id) : undefined;
  return entry ? { answer: topicAnswer(kb, entry, intent.focus), via: 'names' } : undefined;
}

/** Splits "masked vs autoregressive training" at its separators and resolves each side on its own. */
function resolveSides({ kb, linked, q }: Ctx): Entry[] {
  const segments: number[][] = [[]];
  q.words.forEach((w, i) => {
    if (COMPARE_SEPARATORS.has(w) || w === 'between') segments.push([]);
    else segments[segments.length - 1]?.push(i);
  });
  const sides: Entry[] = [];
  for (const positions of segments) {
    const inSegment = linked.occurrences.find((m) => positions.includes(m.start));
    const words = positions.map((i) => q.words[i] ?? '').filter((w) => !isFiller(w));
    const entry = inSegment ? kb.byId.get(inSegment.id) : resolveWords(kb, words);
    if (entry && !sides.includes(entry)) sides.push(entry);
  }
  return sides;
}

function resolveWords(kb: KnowledgeBase, words: readonly string[]): Entry | undefined {
  if (words.length === 0) return undefined;
  const hit = confidentHit(searchText(kb.index, words));
  return hit ? kb.byId.get(hit.id) : undefined;
}

/** A text hit strong enough to name a side of a comparison or a category within a dimension. */
export function confidentHit(hits: readonly Hit[]): Hit | undefined {
  const hit = bestHit(hits, MIN_SHARE_OF_TOP_SCORE);
  return hit && hit.coverage >= CONFIDENT_HIT_COVERAGE && hit.score >= CONFIDENT_HIT_SCORE ? hit : undefined;
}

function isListable(e: Entry): boolean {
  return (
    e.kind === 'root' ||
    e.kind === 'dimension' ||
    e.kind === 'category' ||
    e.kind === 'training' ||
    e.kind === 'architecture'
  );
}

function byList(ctx: Ctx): Candidate | undefined {
  const { kb, linked, intent, q } = ctx;
  const mentions = linked.entries;
  if (mentions.length === 0 || mentions.some((e) => e.kind === 'model' || e.kind === 'concept'))
    return undefined;
  const [first] = mentions;
  if (!first) return undefined;
  if (mentions.length === 1 && (first.kind === 'root' || first.kind === 'dimension')) {
    // "which architecture reads word by word": the dimension says what kind of thing, the rest which one.
    const within = first.kind === 'dimension' ? findWithin(kb, first, linked.rest) : undefined;
    return within
      ? { answer: topicAnswer(kb, within, intent.focus), via: 'within' }
      : { answer: listAnswer(kb, first), via: 'name' };
  }
  if (!intent.listCue || !mentions.every(isListable)) return undefined;
  if (mentions.length === 1) {
    // "which algorithm does rlhf use" asks for something other than the category's models.
    const asks = q.words[q.words.indexOf('which') + 1];
    const asksOther =
      q.words.includes('which') && asks !== undefined && !isFiller(asks) && !MODEL_NOUN_PLURALS.has(asks);
    const named = linked.spans.some((m) => q.words.indexOf('which') + 1 === m.start);
    return intent.focus === 'overview' && membersOf(kb, first.id).length > 0 && (!asksOther || named)
      ? { answer: listAnswer(kb, first), via: 'name' }
      : undefined;
  }
  const dims = new Set(mentions.map((e) => kb.graph.dimensionOf.get(e.id)));
  const wantsAll =
    / (both|and also|as well as|that are also) /.test(` ${q.words.join(' ')} `) || dims.size > 1;
  const wantsAny = q.words.includes('or') || q.words.includes('either');
  const answer = wantsAll && !wantsAny ? intersectionAnswer(kb, mentions) : unionAnswer(kb, mentions);
  return answer ? { answer, via: 'names' } : undefined;
}

/** The category of `dimension` that the words describe, if one clearly does. */
function findWithin(kb: KnowledgeBase, dimension: Entry, words: readonly string[]): Entry | undefined {
  if (words.length === 0) return undefined;
  const members = new Set(membersOf(kb, dimension.id));
  const hit = confidentHit(searchText(kb.index, words, (id) => members.has(id)));
  return hit ? kb.byId.get(hit.id) : undefined;
}

function byTopic(ctx: Ctx): Candidate | undefined {
  const { kb, linked, intent, q } = ctx;
  if (linked.entries.length === 0 && linked.rest.length === 0) {
    // "list all models" names nothing in particular: the whole taxonomy is the list ("what is your name" is not).
    const asksForAll = q.words.some((w) => MODEL_NOUN_PLURALS.has(w) || TAXONOMY_NOUNS.has(w));
    return intent.listCue && asksForAll ? { answer: listAnswer(kb, kb.graph.root), via: 'name' } : undefined;
  }
  const [top, second] = rankCandidates(kb, q, linked, ctx.ranker);
  if (!top) return undefined;
  return {
    answer: topicOrList(ctx, top.entry),
    via: top.features.named ? 'name' : 'text',
    ...(top.hit ? { hit: top.hit } : {}),
    rank: {
      score: top.score,
      margin: top.score - (second?.score ?? 0),
      keywordCover: top.features.keywordCover ?? 0,
    },
  };
}

function topicOrList({ kb, q, intent }: Ctx, e: Entry): Answer {
  if (e.kind === 'root' || e.kind === 'dimension') return listAnswer(kb, e);
  // A list of members only when there are members and the question asks for models, not "which architecture".
  const asksForModels = q.words.some(
    (w) => MODEL_NOUN_PLURALS.has(w) || w === 'list' || w === 'examples' || w === 'name',
  );
  if (intent.listCue && asksForModels && membersOf(kb, e.id).length > 0 && intent.focus === 'overview')
    return listAnswer(kb, e);
  return topicAnswer(kb, e, intent.focus);
}

const TAXONOMY_NOUNS: ReadonlySet<string> = new Set([
  'categories',
  'dimensions',
  'types',
  'kinds',
  'classes',
]);

const MODEL_NOUN_PLURALS: ReadonlySet<string> = new Set([
  'models',
  'llms',
  'ones',
  'products',
  'systems',
  'examples',
]);

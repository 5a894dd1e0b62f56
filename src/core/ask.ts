import { entriesOf, type KnowledgeBase, membersOf, parentOf } from '../kb/graph.ts';
import { COMPARE_SEPARATORS, HELP_WORDS } from '../kb/lexicon.ts';
import type { Entry } from '../kb/schema.ts';
import type { Answer, Focus } from './answer.ts';
import {
  compareAnswer,
  helpAnswer,
  intersectionAnswer,
  listAnswer,
  noneAnswer,
  topicAnswer,
  unionAnswer,
} from './build.ts';
import { quizAnswer, tourAnswer, tourPageOf } from './onboarding.ts';
import {
  detectFocus,
  detectSize,
  hasCompareCue,
  hasListCue,
  hasStrongCompareCue,
  isFiller,
  parseQuestion,
  type Question,
  type SizeBound,
} from './question.ts';
import {
  acceptableHit,
  findMentions,
  type Hit,
  isKnownWord,
  isRareWord,
  type Mention,
  type SearchIndex,
  searchTerm,
  searchText,
} from './search.ts';
import {
  BM25_OVERRIDE_MARGIN,
  MAX_SUGGESTIONS,
  MAX_UNKNOWN_WORDS,
  MIN_SUGGESTION_COVERAGE,
  SUGGESTION_SCORE_RATIO,
} from './tuning.ts';

export type AskOptions = {
  /** Seed for a quiz question; without one the question follows from the text, so ask() stays pure. */
  seed?: number;
};

/** Answers one question from the knowledge base. Pure: the same question (and seed) always gets the same answer. */
export function ask(kb: KnowledgeBase, text: string, options: AskOptions = {}): Answer {
  const index = kb.index;
  const q = parseQuestion(index, text);
  if (isHelpRequest(q.words)) return helpAnswer(kb);
  const ctx = analyse(kb, q);
  const onboarding = answerOnboarding(kb, ctx, options);
  if (onboarding) return onboarding;
  return (
    answerBySize(kb, ctx) ??
    answerComparison(kb, index, ctx) ??
    answerList(kb, index, ctx) ??
    answerTopic(kb, index, ctx) ??
    noneAnswer(q.text, suggest(kb, index, ctx))
  );
}

type Context = {
  q: Question;
  mentions: Entry[];
  /** Positions of the mentions in the question, in the same order. */
  spans: Mention[];
  /** Meaningful words no mention covers. */
  rest: string[];
  /** How many meaningful words the mentions cover. */
  coveredCount: number;
  focus: Focus;
  listCue: boolean;
  compareCue: boolean;
  size: SizeBound | undefined;
};

const TOUR_WORDS = new Set(['tour', 'onboard', 'onboarding', 'walkthrough', 'introduction', 'intro']);
const TOUR_PHRASES =
  / (i m new|i am new|new here|getting started|get started|walk me through|show me around|where do i start) /;
const QUIZ_WORDS = new Set(['quiz', 'quizz', 'quizzes', 'flashcards', 'flashcard', 'trivia']);
const QUIZ_PHRASES = / (test me|test my|check my knowledge|examine me|practice questions) /;

/** "tour", "I'm new", "quiz me on training approaches": the onboarding answers. */
function answerOnboarding(kb: KnowledgeBase, ctx: Context, options: AskOptions): Answer | undefined {
  const joined = ` ${ctx.q.words.join(' ')} `;
  const wantsQuiz = ctx.q.words.some((w) => QUIZ_WORDS.has(w)) || QUIZ_PHRASES.test(joined);
  const wantsTour = !wantsQuiz && (ctx.q.words.some((w) => TOUR_WORDS.has(w)) || TOUR_PHRASES.test(joined));
  if (!wantsQuiz && !wantsTour) return undefined;
  // The dimension the request names, directly or through one of its categories.
  const named = ctx.mentions
    .map((e) => (e.kind === 'dimension' ? e.id : kb.graph.dimensionOf.get(e.id)))
    .find((id): id is string => id !== undefined);
  if (wantsTour) return tourAnswer(kb, tourPageOf(kb, named));
  const seed = options.seed ?? seedOf(ctx.q.text);
  return quizAnswer(kb, seed, named, 0) ?? quizAnswer(kb, seed, undefined, 0);
}

/** A seed that follows from the text, for a reproducible quiz when the caller gives none. */
function seedOf(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ (c.codePointAt(0) ?? 0), 16777619);
  return ((h >>> 0) % (2 ** 31 - 2)) + 1;
}

function isHelpRequest(words: readonly string[]): boolean {
  if (words.length === 0) return true;
  if (
    words.length <= 5 &&
    words.every((w) => HELP_WORDS.has(w) || w === 'me' || w === 'i' || w === 'please')
  ) {
    return words.some((w) => w === 'help' || w === 'commands' || w === 'usage' || w === 'do' || w === 'use');
  }
  return false;
}

/** "LLMs" names the taxonomy, but in "code llms" it is just a noun: a generic name yields to other words. */
function isGenericMention(words: readonly string[], m: Mention): boolean {
  return GENERIC_NAMES.has(words.slice(m.start, m.end).join(' '));
}

const GENERIC_NAMES: ReadonlySet<string> = new Set([
  'llm',
  'llms',
  'large language model',
  'large language models',
]);

function analyse(kb: KnowledgeBase, q: Question): Context {
  const all = findMentions(kb, q.words);
  const specific = all.filter((m) => !isGenericMention(q.words, m));
  const taken = new Set(all.flatMap((m) => range(m.start, m.end)));
  const othersMeaningful = q.words.some((w, i) => !taken.has(i) && !isFiller(w));
  const found = specific.length > 0 || othersMeaningful ? specific : all;
  const spans = dropAncestors(kb, dedupe(found));
  const mentions = entriesOf(
    kb,
    spans.map((m) => m.id),
  );
  const covered = new Set(found.flatMap((m) => range(m.start, m.end)));
  const rest = q.words.filter((w, i) => !covered.has(i) && !isFiller(w));
  const coveredCount = q.words.filter((w, i) => covered.has(i) && !isFiller(w)).length;
  return {
    q,
    mentions,
    spans,
    rest,
    coveredCount: Math.max(coveredCount, found.length > 0 ? 1 : 0),
    focus: detectFocus(q.words),
    listCue: hasListCue(q.words),
    compareCue: hasCompareCue(q.words),
    size: detectSize(q.text),
  };
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}

function dedupe(mentions: readonly Mention[]): Mention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => !seen.has(m.id) && seen.add(m.id));
}

/** Drops a mention that is an ancestor of another ("rlhf training": the training dimension goes). */
function dropAncestors(kb: KnowledgeBase, mentions: readonly Mention[]): Mention[] {
  const ids = new Set(mentions.map((m) => m.id));
  const ancestors = new Set<string>();
  for (const id of ids) {
    let parent = parentOf(kb, id);
    for (let depth = 0; parent !== undefined && depth < 5; depth++) {
      ancestors.add(parent);
      parent = parentOf(kb, parent);
    }
  }
  // A variant and its model are compared, not collapsed ("gpt-4 vs gpt-4v").
  const keep = mentions.filter((m) => {
    if (!ancestors.has(m.id)) return true;
    const e = kb.byId.get(m.id);
    return e?.kind === 'model';
  });
  return keep.length > 0 ? keep : [...mentions];
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

/** Whether a parameter count fits a category's range ("under 1B" fits small models). */
function fitsRange(size: SizeBound, lo: number, hi: number): boolean {
  if (size.exact !== undefined) return size.exact >= lo && size.exact < hi;
  if (size.min !== undefined && size.max !== undefined) return lo >= size.min && hi <= size.max;
  if (size.max !== undefined) return hi <= size.max || (lo < size.max && size.max < hi && lo === 0);
  return size.min !== undefined && lo >= size.min;
}

function answerBySize(kb: KnowledgeBase, ctx: Context): Answer | undefined {
  const size = ctx.size;
  if (!size || ctx.mentions.some((e) => e.kind === 'model')) return undefined;
  const categories = kb.graph.ranged.filter((c) =>
    fitsRange(size, c.range?.min ?? 0, c.range?.max ?? Number.POSITIVE_INFINITY),
  );
  if (categories.length === 0) return undefined;
  const sizeDimensions = new Set(categories.map((c) => kb.graph.dimensionOf.get(c.id)));
  const others = ctx.mentions.filter(
    (e) => e.kind === 'category' && !sizeDimensions.has(kb.graph.dimensionOf.get(e.id)),
  );
  if (others.length > 0) {
    const [first] = categories;
    return first ? intersectionAnswer(kb, [first, ...others]) : undefined;
  }
  const [only] = categories;
  if (categories.length === 1 && only) {
    return ctx.listCue || size.exact === undefined ? listAnswer(kb, only) : topicAnswer(kb, only, ctx.focus);
  }
  return unionAnswer(kb, categories);
}

function answerComparison(kb: KnowledgeBase, index: SearchIndex, ctx: Context): Answer | undefined {
  const { mentions } = ctx;
  const [only] = mentions;
  // "compare the four architectures", "pros and cons of each architecture": the dimension's categories side by side.
  if (
    mentions.length === 1 &&
    only?.kind === 'dimension' &&
    (hasStrongCompareCue(ctx.q.words) || ctx.focus !== 'overview')
  ) {
    const members = entriesOf(kb, membersOf(kb, only.id));
    if (members.length >= 2) return compareAnswer(kb, members, ctx.focus);
  }
  const listOnly = ctx.listCue && mentions.every((e) => e.kind === 'category' || e.kind === 'dimension');
  if (listOnly && !hasStrongCompareCue(ctx.q.words)) return undefined;
  if (mentions.length >= 2) {
    if (ctx.compareCue) return compareAnswer(kb, mentions, ctx.focus);
    const sameKind = new Set(mentions.map((e) => e.kind)).size === 1;
    // "combining a cnn and a transformer" names two architectures but asks about a third.
    if (sameKind && !betterTextHit(kb, index, ctx)) return compareAnswer(kb, mentions, ctx.focus);
    return undefined;
  }
  if (!ctx.compareCue) return undefined;
  const sides = resolveSides(kb, index, ctx);
  return sides.length >= 2 ? compareAnswer(kb, sides, ctx.focus) : undefined;
}

/** Splits "masked vs autoregressive training" at its separators and resolves each side on its own. */
function resolveSides(kb: KnowledgeBase, index: SearchIndex, ctx: Context): Entry[] {
  const segments: number[][] = [[]];
  ctx.q.words.forEach((w, i) => {
    if (COMPARE_SEPARATORS.has(w) || w === 'between') segments.push([]);
    else segments[segments.length - 1]?.push(i);
  });
  const sides: Entry[] = [];
  for (const positions of segments) {
    const inSegment = ctx.spans.find((m) => positions.includes(m.start));
    const entry = inSegment
      ? kb.byId.get(inSegment.id)
      : resolveWords(
          kb,
          index,
          positions.map((i) => ctx.q.words[i] ?? '').filter((w) => !isFiller(w)),
        );
    if (entry && !sides.includes(entry)) sides.push(entry);
  }
  return sides;
}

function resolveWords(kb: KnowledgeBase, index: SearchIndex, words: readonly string[]): Entry | undefined {
  if (words.length === 0) return undefined;
  const hit = acceptableHit(searchText(index, words));
  return hit ? kb.byId.get(hit.id) : undefined;
}

function answerList(kb: KnowledgeBase, index: SearchIndex, ctx: Context): Answer | undefined {
  const { mentions } = ctx;
  if (mentions.length === 0 || mentions.some((e) => e.kind === 'model' || e.kind === 'concept'))
    return undefined;
  const [first] = mentions;
  if (!first) return undefined;
  if (mentions.length === 1 && (first.kind === 'root' || first.kind === 'dimension')) {
    // "which architecture reads word by word": the dimension says what kind of thing, the rest which one.
    const within = first.kind === 'dimension' ? findWithin(kb, index, first, ctx.rest) : undefined;
    return within ? topicAnswer(kb, within, ctx.focus) : listAnswer(kb, first);
  }
  if (!ctx.listCue || !mentions.every(isListable)) return undefined;
  if (mentions.length === 1) {
    return ctx.focus === 'overview' && membersOf(kb, first.id).length > 0 ? listAnswer(kb, first) : undefined;
  }
  const dims = new Set(mentions.map((e) => kb.graph.dimensionOf.get(e.id)));
  const wantsAll =
    / (both|and also|as well as|that are also) /.test(` ${ctx.q.words.join(' ')} `) || dims.size > 1;
  const wantsAny = ctx.q.words.includes('or') || ctx.q.words.includes('either');
  return wantsAll && !wantsAny ? intersectionAnswer(kb, mentions) : unionAnswer(kb, mentions);
}

/** The category of `dimension` that the words describe, if one clearly does. */
function findWithin(
  kb: KnowledgeBase,
  index: SearchIndex,
  dimension: Entry,
  words: readonly string[],
): Entry | undefined {
  if (words.length === 0) return undefined;
  const members = new Set(membersOf(kb, dimension.id));
  const hit = acceptableHit(searchText(index, words).filter((h) => members.has(h.id)));
  return hit ? kb.byId.get(hit.id) : undefined;
}

function answerTopic(kb: KnowledgeBase, index: SearchIndex, ctx: Context): Answer | undefined {
  const { mentions, rest } = ctx;
  const primary = pickPrimary(mentions);
  if (primary) {
    const override = betterTextHit(kb, index, ctx);
    if (override) return topicOrList(kb, override, ctx);
    const unknown = rest.filter((w) => !isKnownWord(index, w));
    if (unknown.length >= MAX_UNKNOWN_WORDS && unknown.length > ctx.coveredCount) return undefined;
    return topicOrList(kb, primary, ctx);
  }
  if (rest.length === 0) {
    // "list all models" names nothing in particular: the whole taxonomy is the list ("what is your name" is not).
    const asksForAll = ctx.q.words.some((w) => MODEL_NOUN_PLURALS.has(w) || TAXONOMY_NOUNS.has(w));
    return ctx.listCue && asksForAll ? listAnswer(kb, kb.graph.root) : undefined;
  }
  const hit = acceptableHit(searchText(index, rest));
  const entry = hit ? kb.byId.get(hit.id) : undefined;
  return entry ? topicOrList(kb, entry, ctx) : undefined;
}

function topicOrList(kb: KnowledgeBase, e: Entry, ctx: Context): Answer {
  if (e.kind === 'root' || e.kind === 'dimension') return listAnswer(kb, e);
  // A list of members only when there are members and the question asks for models, not "which architecture".
  const asksForModels = ctx.q.words.some(
    (w) => MODEL_NOUN_PLURALS.has(w) || w === 'list' || w === 'examples' || w === 'name',
  );
  if (ctx.listCue && asksForModels && membersOf(kb, e.id).length > 0 && ctx.focus === 'overview')
    return listAnswer(kb, e);
  return topicAnswer(kb, e, ctx.focus);
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

/** The most specific mention: a model or concept over a category, a category over a dimension. */
function pickPrimary(mentions: readonly Entry[]): Entry | undefined {
  const rank = (e: Entry) =>
    ['model', 'concept', 'architecture', 'training', 'category', 'dimension', 'root'].indexOf(e.kind);
  return [...mentions].sort((a, b) => rank(a) - rank(b))[0];
}

/** A text hit, other than the names mentioned, that explains the whole question better than they do. */
function betterTextHit(kb: KnowledgeBase, index: SearchIndex, ctx: Context): Entry | undefined {
  const words = ctx.q.words.filter((w) => !isFiller(w));
  const hits = searchText(index, words);
  const hit = acceptableHit(hits);
  if (!hit || ctx.mentions.some((m) => m.id === hit.id)) return undefined;
  // Words the named entries already explain ("memory" for transformers) cannot steer away from them.
  const explained = new Set(
    hits.filter((h) => ctx.mentions.some((m) => m.id === h.id)).flatMap((h) => h.terms),
  );
  // "how is chatgpt trained": "trained" is in half the entries and must not steer away from ChatGPT;
  // "combining a cnn and a transformer": "combining" is rare, and points at the hybrid.
  const steering = ctx.rest.filter((w) => {
    const term = searchTerm(w);
    return term !== null && hit.terms.includes(term) && !explained.has(term) && isRareWord(index, w);
  });
  if (steering.length === 0) return undefined;
  const enough = hit.coverage === 1 ? ctx.coveredCount + 1 : ctx.coveredCount + BM25_OVERRIDE_MARGIN;
  return hit.matched >= enough ? kb.byId.get(hit.id) : undefined;
}

function suggest(kb: KnowledgeBase, index: SearchIndex, ctx: Context): Entry[] {
  if (ctx.mentions.length > 0) return ctx.mentions.slice(0, MAX_SUGGESTIONS);
  const words = ctx.q.words.filter((w) => !isFiller(w));
  const hits: Hit[] = searchText(index, words);
  const [top] = hits;
  if (!top || top.coverage < MIN_SUGGESTION_COVERAGE) return [];
  // Only a hit on a name or keyword is close enough to offer; prose words like "time" or "help" are not.
  return hits
    .filter(
      (h) =>
        h.byName && h.score >= top.score * SUGGESTION_SCORE_RATIO && h.coverage >= MIN_SUGGESTION_COVERAGE,
    )
    .slice(0, MAX_SUGGESTIONS)
    .flatMap((h) => {
      const e = kb.byId.get(h.id);
      return e ? [e] : [];
    });
}

// Stage 2: entity linking. Which entries does the question name, and where? A name made only of everyday
// words ("large", "vision", "whisper") counts only where the question is naming something.
import { entriesOf, type KnowledgeBase, parentOf } from '../../kb/graph.ts';
import {
  COMPARE_SEPARATORS,
  EVERYDAY_WORDS,
  NAMING_AFTER,
  NAMING_BEFORE,
  STOP_WORDS,
} from '../../kb/lexicon.ts';
import type { Entry } from '../../kb/schema.ts';
import { MAX_NAME_WORDS, SHORT_QUESTION_WORDS } from '../tuning.ts';
import { isFiller, type Question } from './normalize.ts';

/** One place a question names an entry: words [start, end) of the question name `id`. */
export type Mention = { id: string; start: number; end: number };

/** What the question names, after linking. */
export type Linked = {
  /** The names that count, in question order, without ancestors of other names. */
  spans: Mention[];
  /** Every place a name counts, repeats included: how often and how a question names an entry. */
  occurrences: Mention[];
  /** Ids named with a naming cue right before or after ("what is X", "X models"). */
  namedExplicitly: ReadonlySet<string>;
  entries: Entry[];
  /** Everyday words that are also names but were used as words: never answered, only suggested. */
  setAside: Entry[];
  /** Meaningful words no mention covers. */
  rest: string[];
  /** How many meaningful words the mentions cover. */
  coveredCount: number;
  /** Whether the question names only the generic "LLM" and nothing else. */
  onlyGeneric: boolean;
};

function singular(word: string): string | undefined {
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return undefined;
}

function lookupName(kb: KnowledgeBase, phrase: readonly string[]): string | undefined {
  const key = phrase.length === 1 ? (phrase[0] ?? '') : phrase.join(' ');
  const exact = kb.byName.get(key);
  if (exact !== undefined) return exact;
  // One typed word with digits may be a spaced name run together: "palm540b" is "PaLM 540B".
  if (phrase.length === 1 && /\d/.test(key)) {
    const compact = kb.index.compactNames.get(key);
    if (compact !== undefined) return compact;
  }
  // "a small model" names "small models": try the plural of a multi-word name's last word.
  if (phrase.length > 1) {
    const plural = kb.byName.get(`${key}s`);
    if (plural !== undefined) return plural;
  }
  if (!phrase.some((w) => w.endsWith('s'))) return undefined;
  const singulars = phrase.map((w) => singular(w) ?? w);
  const last = singulars.length - 1;
  // Plurals anywhere: "transformers architecture", "lstms"; but keep the last word whole if that is the name.
  return (
    kb.byName.get([...phrase.slice(0, last), singulars[last] ?? ''].join(' ')) ??
    kb.byName.get([...singulars.slice(0, last), phrase[last] ?? ''].join(' ')) ??
    kb.byName.get(singulars.join(' '))
  );
}

/** The entries a question names by title or alias, longest names first, in question order. */
export function findMentions(kb: KnowledgeBase, words: readonly string[]): Mention[] {
  const found: Mention[] = [];
  for (let start = 0; start < words.length; start++) {
    // Only as many words as the longest name that starts with this word; one word is always tried.
    const longest = Math.min(MAX_NAME_WORDS, Math.max(1, kb.index.nameStarts.get(words[start] ?? '') ?? 1));
    for (let len = Math.min(longest, words.length - start); len >= 1; len--) {
      const id = lookupName(kb, words.slice(start, start + len));
      if (id !== undefined) found.push({ id, start, end: start + len });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Array<boolean>(words.length).fill(false);
  const chosen: Mention[] = [];
  for (const m of found) {
    if (taken.slice(m.start, m.end).some(Boolean)) continue;
    for (let i = m.start; i < m.end; i++) taken[i] = true;
    chosen.push(m);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Whether a name is made only of everyday words (and filler), so it may be just a word. */
export function isEverydayName(words: readonly string[], m: Mention): boolean {
  return words.slice(m.start, m.end).every((w) => EVERYDAY_WORDS.has(w) || STOP_WORDS.has(w));
}

const ARTICLES: ReadonlySet<string> = new Set(['a', 'an', 'the', 'this', 'these', 'those', 'of']);

/** A naming cue right before (articles aside) or right after a mention: "what is a X", "explain X", "X models". */
function hasNamingCue(words: readonly string[], m: Mention): boolean {
  let i = m.start - 1;
  while (i >= 0 && ARTICLES.has(words[i] ?? '')) i--;
  const before = words[i];
  const after = words[m.end];
  return (
    (before !== undefined && NAMING_BEFORE.has(before)) || (after !== undefined && NAMING_AFTER.has(after))
  );
}

/** Whether the words around a mention name it: "what is X", "X vs Y", "X models", or a question of little else. */
function isNamed(words: readonly string[], m: Mention, all: readonly Mention[]): boolean {
  const meaningful = words.filter((w) => !isFiller(w)).length;
  if (meaningful <= SHORT_QUESTION_WORDS || hasNamingCue(words, m)) return true;
  // Next to another name ("cnn and lstm", "whisper or musiclm"), it is one of the things compared or listed.
  const joins = (from: number, to: number) =>
    to === from || (to === from + 1 && COMPARE_SEPARATORS.has(words[from] ?? ''));
  return all.some((o) => o !== m && (joins(o.end, m.start) || joins(m.end, o.start)));
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

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, i) => start + i);
}

function dedupe(mentions: readonly Mention[]): Mention[] {
  const seen = new Set<string>();
  return mentions.filter((m) => !seen.has(m.id) && seen.add(m.id));
}

/** Drops a mention that is an ancestor of another ("rlhf training": the training dimension goes). */
function dropAncestors(kb: KnowledgeBase, mentions: readonly Mention[]): Mention[] {
  const ancestors = new Set<string>();
  for (const m of mentions) {
    let parent = parentOf(kb, m.id);
    for (let depth = 0; parent !== undefined && depth < 5; depth++) {
      ancestors.add(parent);
      parent = parentOf(kb, parent);
    }
  }
  // A variant and its model are compared, not collapsed ("gpt-4 vs gpt-4v").
  const keep = mentions.filter((m) => !ancestors.has(m.id) || kb.byId.get(m.id)?.kind === 'model');
  return keep.length > 0 ? keep : [...mentions];
}

/** "what modality is Flamingo": a dimension named beside a model or concept only qualifies the question. */
function dropQualifiers(kb: KnowledgeBase, mentions: readonly Mention[]): Mention[] {
  const kindOf = (m: Mention) => kb.byId.get(m.id)?.kind;
  const specific = mentions.some((m) => kindOf(m) === 'model' || kindOf(m) === 'concept');
  return specific ? mentions.filter((m) => kindOf(m) !== 'dimension') : [...mentions];
}

/** Links a question's words to entries. */
export function linkMentions(kb: KnowledgeBase, q: Question): Linked {
  const words = q.words;
  const all = findMentions(kb, words);
  // Written like a name ("CLIP", "Whisper" mid-sentence), an everyday word is the name.
  const asName = (m: Mention) => q.capitals.slice(m.start, m.end).some(Boolean);
  const named = all.filter((m) => !isEverydayName(words, m) || asName(m) || isNamed(words, m, all));
  const setAside = all.filter((m) => !named.includes(m));
  const specific = named.filter((m) => !isGenericMention(words, m));
  const taken = new Set(all.flatMap((m) => range(m.start, m.end)));
  const othersMeaningful = words.some((w, i) => !taken.has(i) && !isFiller(w));
  const found = specific.length > 0 || othersMeaningful ? specific : named;
  const spans = dropQualifiers(kb, dropAncestors(kb, dedupe(found)));
  const covered = new Set(found.flatMap((m) => range(m.start, m.end)));
  const rest = words.filter((w, i) => !covered.has(i) && !isFiller(w));
  const coveredCount = words.filter((w, i) => covered.has(i) && !isFiller(w)).length;
  const explicit = found.filter((m) => hasNamingCue(words, m)).map((m) => m.id);
  return {
    spans,
    occurrences: found,
    namedExplicitly: new Set(explicit),
    entries: entriesOf(
      kb,
      spans.map((m) => m.id),
    ),
    setAside: entriesOf(kb, [...new Set(setAside.map((m) => m.id))]),
    rest,
    coveredCount: Math.max(coveredCount, found.length > 0 ? 1 : 0),
    onlyGeneric: found.length > 0 && specific.length === 0,
  };
}

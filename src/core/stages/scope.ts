// Stage 3: scope. Is this a question about what models are and how they work, or a practical one
// (running, installing, fixing, buying, prompting) that merely names a model? Scored from the
// question's form alone, with weights fitted to real questions.
import { CONCEPT_CUES, PRACTICAL_CUES } from '../../kb/lexicon.ts';
import { type SearchIndex, stem } from '../../kb/search-index.ts';
import type { Features } from '../logistic.ts';
import type { Linked } from './mentions.ts';
import { isFiller, type Question } from './normalize.ts';
import { isKnownWord } from './retrieval.ts';

const HOW_TO =
  /\b(how (do|can|should|would) (i|we|you|one)|how to|is it possible|is there (a|any) way|can (i|we|you|it)|could (i|we|you)|should (i|we)|where (can|do) (i|we)|any (way|idea|advice|tips?)|anyone (tried|know))\b/i;
const DEFINITION =
  /\b(what (is|are|'s|does|do)|what's|whats|how (does|do) .{1,60}\b(work|differ)|why (do|does|is|are|did|would)|explain|eli5|meaning of|difference between|intuition)\b/i;
const ERROR =
  /\b(error|exception|traceback|failed|fails|not working|doesn'?t work|does not work|crash|bug|nan)\b/i;
// A path, file, identifier or call: "vocab.json", "max_seq_length", "model.generate()", "--flag", "org/repo".
const CODE =
  /[a-z0-9]_[a-z0-9]|\.(py|json|txt|yaml|md|cpp|bin|gguf|sh)\b|\w\(\)|`|--[a-z]|\b\w+\/\w+-\w+|::/gi;
// Numbers with units of hardware, speed or money: "24GB", "10 ms", "$20".
const MEASURE = /\d+(\.\d+)?\s?(gb|gib|mb|tb|ms|tokens?\/s|it\/s|seconds|secs|hours|%)\b|\$\s?\d/gi;
// Someone reporting what they did or saw: "I tried", "we ran", "when I load", "I'm using".
const EXPERIENCE =
  /\b(i|we)('m| am| are)? (tried|try|ran|run|running|used|use|using|got|get|getting|switched|trained|training|found|noticed|see|saw|load|loaded|installed|followed|changed)\b|\bwhen (i|we)\b/i;
// Swapping one component for another in a build: "replace the LSTM with", "instead of".
const SWAP = /\b(instead of|replac(e|ed|ing)|switch(ed|ing)? (to|from)|swap(ped|ping)?)\b/i;
// A size written as a model name: "7B", "65b", "1.1B".
const MODEL_SIZE = /\b\d+(\.\d+)?\s?[bm]\b/gi;

function count(words: readonly string[], set: ReadonlySet<string>): number {
  return words.filter((w) => set.has(w)).length;
}

/** The distinct stems of a question's words, as the word model sees them. */
export function wordStems(q: Question): string[] {
  return [...new Set(q.words.filter((w) => w.length > 1 && !/^\d+$/.test(w)).map(stem))];
}

/** The naive-Bayes evidence of the question's words: above 0 leans in scope, below leans practical. */
export function wordScore(q: Question, words: Readonly<Record<string, number>>): number {
  const stems = wordStems(q);
  const sum = stems.reduce((s, w) => s + (words[w] ?? 0), 0);
  return stems.length === 0 ? 0 : sum / Math.sqrt(stems.length);
}

/** The share of a question's meaningful words the knowledge base never uses. */
export function unknownShareOf(index: SearchIndex, q: Question): number {
  const meaningful = q.words.filter((w) => !isFiller(w));
  const unknown = meaningful.filter((w) => !isKnownWord(index, w) && !/\d/.test(w));
  return meaningful.length === 0 ? 0 : unknown.length / meaningful.length;
}

/** Interpretable features of a question's form, for the scope model. */
export function scopeFeatures(
  index: SearchIndex,
  q: Question,
  linked: Linked,
  wordModel: Readonly<Record<string, number>>,
): Features {
  const words = q.words;
  const cap = (n: number, max = 3) => Math.min(n, max);
  return {
    hardware: cap(count(words, PRACTICAL_CUES.hardware)),
    software: cap(count(words, PRACTICAL_CUES.software)),
    product: cap(count(words, PRACTICAL_CUES.product)),
    practice: cap(count(words, PRACTICAL_CUES.practice)),
    concept: cap(count(words, CONCEPT_CUES)),
    howTo: HOW_TO.test(q.text) ? 1 : 0,
    definition: DEFINITION.test(q.text) ? 1 : 0,
    error: ERROR.test(q.text) ? 1 : 0,
    code: cap(q.text.match(CODE)?.length ?? 0),
    measure: cap(q.text.match(MEASURE)?.length ?? 0),
    modelSize: cap(q.text.match(MODEL_SIZE)?.length ?? 0),
    firstPerson: cap(words.filter((w) => w === 'i' || w === 'my' || w === 'we' || w === 'our').length),
    secondPerson: cap(words.filter((w) => w === 'you' || w === 'your').length),
    experience: EXPERIENCE.test(q.text) ? 1 : 0,
    swap: SWAP.test(q.text) ? 1 : 0,
    why: /\bwhy\b/i.test(q.text) ? 1 : 0,
    unknownShare: unknownShareOf(index, q),
    length: Math.log1p(words.length),
    named: cap(linked.entries.length),
    setAside: cap(linked.setAside.length),
    words: wordScore(q, wordModel),
  };
}

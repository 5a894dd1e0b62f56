import { createHash } from 'node:crypto';
import { type KnowledgeBase, placementsIn } from '../kb/loader.ts';
import type { Entry } from '../kb/schema.ts';
import { type EntryRef, refOf } from './answer.ts';
import { membersOf } from './build.ts';

/** A multiple-choice question generated from the knowledge base; the same seed always gives the same one. */
export type QuizQuestion = {
  seed: number;
  /** The dimension the quiz is narrowed to, if any. */
  topic?: EntryRef;
  prompt: string;
  /** A formula shown with the prompt, set apart as code. */
  formula?: string;
  options: EntryRef[];
  correct: number;
  explanation: string;
  /** A fingerprint of the knowledge base the question came from; a click from another one has expired. */
  version: string;
};

export const QUIZ_OPTIONS = 4;
const MAX_SEED = 2 ** 31 - 1;

/** A small, fast, seedable generator (mulberry32): quizzes must be reproducible from a seed alone. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, items: readonly T[]): T | undefined {
  return items[Math.floor(rnd() * items.length)];
}

function shuffle<T>(rnd: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const a = out[i];
    const b = out[j];
    if (a !== undefined && b !== undefined) {
      out[i] = b;
      out[j] = a;
    }
  }
  return out;
}

type Draft = { prompt: string; formula?: string; answer: Entry; pool: Entry[]; explanation: string };

function entries(kb: KnowledgeBase, ids: readonly string[]): Entry[] {
  return ids.flatMap((id) => {
    const e = kb.byId.get(id);
    return e ? [e] : [];
  });
}

function categoriesOf(kb: KnowledgeBase, dimension: Entry): Entry[] {
  return entries(kb, membersOf(dimension));
}

function firstWord(text: string): string {
  return text.toLowerCase().split(/\W+/)[0] ?? '';
}

function kindLabel(dimension: Entry): string {
  return dimension.id === 'dimension/architecture'
    ? 'architecture'
    : dimension.id === 'dimension/training'
      ? 'training approach'
      : 'category';
}

/** Question makers: each picks a fact of one category and asks which category it belongs to. */
const MAKERS: ((kb: KnowledgeBase, dimension: Entry, rnd: () => number) => Draft | undefined)[] = [
  function analogy(_kb, dimension, rnd) {
    const pool = categoriesOf(_kb, dimension).filter((c) => 'analogy' in c);
    const answer = pick(rnd, pool);
    if (!answer || !('analogy' in answer)) return undefined;
    const what = answer.analogy.replace(/\.$/, '');
    return {
      prompt: `In layman's terms, which ${kindLabel(dimension)} is “${what.charAt(0).toLowerCase()}${what.slice(1)}”?`,
      answer,
      pool,
      explanation: `${answer.title}: ${answer.analogy} ${answer.summary}`,
    };
  },
  function formula(_kb, dimension, rnd) {
    const pool = categoriesOf(_kb, dimension);
    const answer = pick(
      rnd,
      pool.filter((c) => c.kind === 'architecture'),
    );
    if (answer?.kind !== 'architecture') return undefined;
    const f = pick(rnd, answer.formulas);
    if (!f) return undefined;
    return {
      prompt: `Which ${kindLabel(dimension)} has this formula (${f.name.toLowerCase()})?`,
      formula: f.unicode,
      answer,
      pool,
      explanation: `${answer.title}: ${f.name} is ${f.unicode}. ${answer.summary}`,
    };
  },
  function proOrCon(_kb, dimension, rnd) {
    const pool = categoriesOf(_kb, dimension).filter((c) => 'pros' in c);
    const answer = pick(rnd, pool);
    if (!answer || !('pros' in answer)) return undefined;
    const isPro = rnd() < 0.5;
    const fact = pick(rnd, isPro ? answer.pros : answer.cons);
    // "Fast" next to "Fast parallel processing" would have two right answers: skip look-alikes.
    const others = pool
      .filter((c) => c.id !== answer.id)
      .flatMap((c) => ('pros' in c ? [...c.pros, ...c.cons] : []));
    if (!fact || others.some((o) => firstWord(o) === firstWord(fact))) return undefined;
    return {
      prompt: `Which ${kindLabel(dimension)} has this ${isPro ? 'strength' : 'weakness'}: “${fact}”?`,
      answer,
      pool,
      explanation: `${answer.title}. Pros: ${answer.pros.join('; ')}. Cons: ${answer.cons.join('; ')}.`,
    };
  },
  function placement(kb, dimension, rnd) {
    const pool = categoriesOf(kb, dimension);
    const slug = dimension.id.slice('dimension/'.length);
    const models = kb.entries.filter(
      (e) => e.kind === 'model' && placementsIn(e.placements, slug).length === 1,
    );
    const model = pick(rnd, models);
    if (model?.kind !== 'model') return undefined;
    const [categoryId] = placementsIn(model.placements, slug);
    const answer = pool.find((c) => c.id === categoryId);
    if (!answer) return undefined;
    return {
      prompt: `${dimension.title}, where does ${model.title} belong?`,
      answer,
      pool,
      explanation: `${model.title} is listed under ${answer.title} (${dimension.title.toLowerCase()}). ${model.summary}${model.note ? ` Note: ${model.note}` : ''}`,
    };
  },
];

const versions = new WeakMap<KnowledgeBase, string>();

/** A fingerprint of the facts quizzes are made of. */
export function quizVersion(kb: KnowledgeBase): string {
  let v = versions.get(kb);
  if (!v) {
    v = createHash('sha256').update(JSON.stringify(kb.entries)).digest('hex').slice(0, 6);
    versions.set(kb, v);
  }
  return v;
}

/** The dimensions a quiz can draw from, or just `topic` when the quiz is narrowed to it. */
function dimensionsFor(kb: KnowledgeBase, topic?: string): Entry[] {
  const root = kb.byId.get('taxonomy');
  const all = root?.kind === 'root' ? entries(kb, root.dimensions) : [];
  return topic ? all.filter((d) => d.id === topic) : all;
}

/** Generates the question for a seed (and optional dimension); undefined when the knowledge base has too little to ask. */
export function quizQuestion(kb: KnowledgeBase, seed: number, topic?: string): QuizQuestion | undefined {
  const dimensions = dimensionsFor(kb, topic);
  const rnd = random(seed);
  // Some draws cannot make four distinct options; try a bounded number of others, all fixed by the seed.
  for (let attempt = 0; attempt < 40; attempt++) {
    const dimension = pick(rnd, dimensions);
    const maker = pick(rnd, MAKERS);
    if (!dimension || !maker) return undefined;
    const draft = maker(kb, dimension, rnd);
    if (!draft) continue;
    const distractors = shuffle(
      rnd,
      draft.pool.filter((c) => c.id !== draft.answer.id),
    ).slice(0, QUIZ_OPTIONS - 1);
    if (distractors.length < QUIZ_OPTIONS - 1) continue;
    const options = shuffle(rnd, [draft.answer, ...distractors]);
    const topicEntry = topic ? kb.byId.get(topic) : undefined;
    return {
      seed,
      ...(topicEntry ? { topic: refOf(topicEntry) } : {}),
      prompt: draft.prompt,
      ...(draft.formula ? { formula: draft.formula } : {}),
      options: options.map(refOf),
      correct: options.findIndex((o) => o.id === draft.answer.id),
      explanation: draft.explanation,
      version: quizVersion(kb),
    };
  }
  return undefined;
}

/** A fresh seed for a new question. */
export function newSeed(): number {
  return 1 + Math.floor(Math.random() * (MAX_SEED - 1));
}

/** The next question's seed, derived so a chain of questions is reproducible too. */
export function nextSeed(seed: number): number {
  return (Math.imul(seed, 48271) >>> 0) % MAX_SEED || 1;
}

export function isValidSeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 1 && seed < MAX_SEED;
}

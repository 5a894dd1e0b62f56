import { entriesOf, type KnowledgeBase, membersOf } from '../kb/graph.ts';
import { nameKey } from '../kb/normalize.ts';
import { type Entry, type Formula, judgementOf, slugOf } from '../kb/schema.ts';
import { type QuizQuestion, refOf } from './answer.ts';

export const QUIZ_OPTIONS = 4;
const MAX_SEED = 2 ** 31 - 1;

/** A small, fast, seedable generator (mulberry32): quizzes must be reproducible from a seed alone. */
export function seededRandom(seed: number): () => number {
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

type Draft = { prompt: string; formula?: Formula; answer: Entry; pool: Entry[]; explanation: string };

/** What a question is drawn from: a dimension's categories, or the glossary's basics. */
type Pool = { members: Entry[]; noun: string; dimension?: Entry };

function firstWord(text: string): string {
  return text.toLowerCase().split(/\W+/)[0] ?? '';
}

function poolOf(kb: KnowledgeBase, dimension: Entry): Pool {
  const noun = dimension.kind === 'dimension' && dimension.noun ? dimension.noun : 'category';
  return { members: entriesOf(kb, membersOf(kb, dimension.id)), noun, dimension };
}

/** Question makers: each picks a fact of one member of the pool and asks which member it belongs to. */
const MAKERS: ((kb: KnowledgeBase, pool: Pool, rnd: () => number) => Draft | undefined)[] = [
  function analogy(_kb, { members, noun }, rnd) {
    const pool = members.filter((c) => judgementOf(c).analogy !== undefined);
    const answer = pick(rnd, pool);
    const analogy = answer ? judgementOf(answer).analogy : undefined;
    if (!answer || analogy === undefined) return undefined;
    const what = analogy.replace(/\.$/, '');
    return {
      prompt: `In layman's terms, which ${noun} is “${what.charAt(0).toLowerCase()}${what.slice(1)}”?`,
      answer,
      pool,
      explanation: `${answer.title}: ${analogy} ${answer.summary}`,
    };
  },
  function formula(kb, { members, noun }, rnd) {
    const answer = pick(
      rnd,
      members.filter((c) => (kb.graph.formulas.get(c.id)?.length ?? 0) > 0),
    );
    if (!answer) return undefined;
    const f = pick(rnd, kb.graph.formulas.get(answer.id) ?? []);
    if (!f) return undefined;
    return {
      prompt: `Which ${noun} has this formula?`,
      // Shown without its name: "PPO clipped objective" would give the answer away.
      formula: { ...f, name: 'The formula' },
      answer,
      pool: members,
      explanation: `${answer.title}: ${f.name} is ${f.unicode}. ${answer.summary}`,
    };
  },
  function proOrCon(_kb, { members, noun }, rnd) {
    const pool = members.filter((c) => judgementOf(c).pros !== undefined);
    const answer = pick(rnd, pool);
    const { pros = [], cons = [] } = answer ? judgementOf(answer) : {};
    if (!answer || pros.length === 0) return undefined;
    const isPro = rnd() < 0.5;
    const fact = pick(rnd, isPro ? pros : cons);
    // "Fast" next to "Fast parallel processing" would have two right answers: skip look-alikes.
    const others = pool
      .filter((c) => c.id !== answer.id)
      .flatMap((c) => [...(judgementOf(c).pros ?? []), ...(judgementOf(c).cons ?? [])]);
    if (!fact || others.some((o) => firstWord(o) === firstWord(fact))) return undefined;
    return {
      prompt: `Which ${noun} has this ${isPro ? 'strength' : 'weakness'}: “${fact}”?`,
      answer,
      pool,
      explanation: `${answer.title}. Pros: ${pros.join('; ')}. Cons: ${cons.join('; ')}.`,
    };
  },
  function placement(kb, { members, dimension }, rnd) {
    if (!dimension) return undefined;
    const slug = slugOf(dimension.id);
    const models = kb.entries.filter((e) => e.kind === 'model' && (e.placements[slug] ?? []).length === 1);
    const model = pick(rnd, models);
    if (model?.kind !== 'model') return undefined;
    const [categoryId] = model.placements[slug] ?? [];
    const answer = members.find((c) => c.id === categoryId);
    if (!answer) return undefined;
    return {
      prompt: `${dimension.title}, where does ${model.title} belong?`,
      answer,
      pool: members,
      explanation: `${model.title} is listed under ${answer.title} (${dimension.title.toLowerCase()}). ${model.summary}${model.note ? ` Note: ${model.note}` : ''}`,
    };
  },
];

/** The pools a quiz can draw from: every dimension and the basics, or just `topic` when narrowed to it. */
function poolsFor(kb: KnowledgeBase, topic?: string): Pool[] {
  const dimensions = kb.graph.dimensions
    .filter((d) => topic === undefined || d.id === topic)
    .map((d) => poolOf(kb, d));
  const basics = entriesOf(kb, kb.graph.basics);
  return topic === undefined && basics.length > 0
    ? [...dimensions, { members: basics, noun: 'basic idea' }]
    : dimensions;
}

/** Whether what a question shows (its prompt, its formula) gives the answer away by naming it. */
function namesAnswer(draft: Draft): boolean {
  const shown = [draft.prompt, draft.formula?.name ?? '', draft.formula?.unicode ?? ''].join(' ');
  const prompt = ` ${nameKey(shown)} `;
  return [draft.answer.title, ...draft.answer.aliases].some((name) => {
    const key = nameKey(name);
    return key.length > 2 && prompt.includes(` ${key} `);
  });
}

/** Generates the question for a seed (and optional dimension); undefined when the knowledge base has too little to ask. */
export function quizQuestion(kb: KnowledgeBase, seed: number, topic?: string): QuizQuestion | undefined {
  const pools = poolsFor(kb, topic);
  const rnd = seededRandom(seed);
  // Some draws cannot make distinct options; try a bounded number of others, all fixed by the seed.
  for (let attempt = 0; attempt < 40; attempt++) {
    const pool = pick(rnd, pools);
    const maker = pick(rnd, MAKERS);
    if (!pool || !maker) return undefined;
    const draft = maker(kb, pool, rnd);
    // A question that names its answer (a formula called "Self-attention") teaches nothing: draw again.
    if (!draft || namesAnswer(draft)) continue;
    const distractors = shuffle(
      rnd,
      draft.pool.filter((c) => c.id !== draft.answer.id),
    ).slice(0, QUIZ_OPTIONS - 1);
    // A dimension with fewer categories than options asks with fewer options, never with none.
    if (distractors.length === 0) continue;
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
      version: kb.fingerprint,
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

// Distinct, real-looking questions for the bench: every timed sample asks something not asked before.
import type { KnowledgeBase } from '../src/kb/graph.ts';

const TOPIC = [
  'what is {a}',
  'what is {a}?',
  'explain {a}',
  'tell me about {a}',
  'how does {a} work',
  'what does {a} mean',
  'can someone explain {a} to me',
  'pros and cons of {a}',
  'explain {a} like I am five',
  'formula for {a}',
  'is {a} a transformer',
  'what kind of model is {a}',
  'how is {a} trained',
  'where does {a} fit in the taxonomy',
  'why would I use {a}',
  '{a}',
  'ELI5 {a} please',
  'quick question: what is {a} exactly?',
];
const COMPARE = [
  '{a} vs {b}',
  'compare {a} and {b}',
  'difference between {a} and {b}',
  'is {a} better than {b}',
  '{a} or {b} for a chatbot?',
  'how does {a} differ from {b}',
];
const OFF_TOPIC = [
  'how do I install {w} on windows',
  'my {w} keeps crashing with CUDA out of memory',
  'what is the weather in {w} today',
  'who won the {w} match last night',
  'how much does a {w} cost',
  'best pizza place near {w}',
  'error: cannot find module {w}',
  'how to fine tune on my {w} data with 8GB of VRAM',
  'is there a discount on {w} this week',
  'recommend a book about {w}',
];
const FILLER =
  'laptop python docker kubernetes berlin chess football garden coffee invoice printer router guitar pasta bicycle camera'.split(
    ' ',
  );

/** One typo a person might make: a swapped, dropped or doubled letter, chosen by `n`. */
function typo(word: string, n: number): string {
  if (word.length < 5) return word;
  const at = 1 + (n % (word.length - 2));
  switch (n % 3) {
    case 0:
      return word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    default:
      return word.slice(0, at) + (word[at] ?? '') + word.slice(at);
  }
}

function pick<T>(items: readonly T[], n: number): T {
  const item = items[((n % items.length) + items.length) % items.length];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/**
 * `count` distinct questions over the knowledge base's own names: topics, comparisons, typos and
 * about one in five off-topic, in a fixed order for a given `salt` so runs are repeatable.
 */
export function distinctQuestions(kb: KnowledgeBase, count: number, salt = 0): string[] {
  const names = kb.index.names.map((n) => n.name);
  const seen = new Set<string>();
  const out: string[] = [];
  for (let i = salt * 7_919; out.length < count; i++) {
    const a = pick(names, i * 31 + salt);
    const b = pick(names, i * 17 + 5 + salt);
    const kind = i % 10;
    let q: string;
    if (kind < 2) q = pick(OFF_TOPIC, i).replace('{w}', `${pick(FILLER, i * 7)} ${i % 97}`);
    else if (kind < 4) q = pick(COMPARE, i).replace('{a}', a).replace('{b}', b);
    else if (kind < 5) q = pick(TOPIC, i).replace('{a}', typo(a, i));
    else q = pick(TOPIC, i).replace('{a}', i % 3 === 0 ? a.toLowerCase() : a);
    if (seen.has(q)) continue;
    seen.add(q);
    out.push(q);
  }
  return out;
}

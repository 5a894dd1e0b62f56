import Fuse from 'fuse.js';
import type { KnowledgeBase } from '../kb/loader.ts';
import { nameKey, tokenize } from '../kb/normalize.ts';
import { topicsOf } from './answer.ts';
import { ask } from './ask.ts';

/** A completion of what the user has typed: the full question it would ask, and what to show. */
export type Completion = { label: string; question: string };

/** Shown while the box is empty: one question of each kind, so a newcomer sees what works. */
export const STARTER_QUESTIONS = [
  'what is RLHF',
  'transformer vs rnn',
  'which models are multimodal',
  'ways to classify models',
  'pros and cons of masked language modeling',
  'explain convolutional models like I am five',
  'tour',
  'quiz',
];

const MAX_COMPLETIONS = 25;
const MAX_FRAGMENT_WORDS = 3;
// fuse.js scores 0 (exact) to 1 (unrelated); beyond this a name is not what was meant.
const FUZZY_THRESHOLD = 0.35;

type Name = { name: string; key: string; id: string; title: string };
type Completer = { names: Name[]; fuse: Fuse<Name> };
const cache = new WeakMap<KnowledgeBase, Completer>();

function completerOf(kb: KnowledgeBase): Completer {
  let c = cache.get(kb);
  if (!c) {
    const names = kb.entries.flatMap((e) =>
      [e.title, ...e.aliases].map((name) => ({ name, key: nameKey(name), id: e.id, title: e.title })),
    );
    const fuse = new Fuse(names, {
      keys: ['key'],
      includeScore: true,
      threshold: FUZZY_THRESHOLD,
      ignoreLocation: true,
    });
    c = { names, fuse };
    cache.set(kb, c);
  }
  return c;
}

/** Completions ranked exact name first, then names that start with the last words typed, then fuzzy ones. */
export function completeQuestion(kb: KnowledgeBase, typed: string): Completion[] {
  const text = typed.replace(/\s+/g, ' ').trimStart();
  if (text.trim() === '') return STARTER_QUESTIONS.map((q) => ({ label: q, question: q }));
  const { names, fuse } = completerOf(kb);
  const words = text.trimEnd().split(' ');
  const ranked: { rank: number; completion: Completion; id: string }[] = [];
  for (let n = Math.min(MAX_FRAGMENT_WORDS, words.length); n >= 1; n--) {
    const head = words.slice(0, words.length - n).join(' ');
    const fragment = words.slice(words.length - n).join(' ');
    const key = tokenize(fragment).join(' ');
    if (key === '') continue;
    const complete = (name: Name, rank: number) => {
      const question = head === '' ? name.name : `${head} ${name.name}`;
      const label = name.name === name.title ? question : `${question} (${name.title})`;
      ranked.push({ rank: rank - n * 0.01, completion: { label, question }, id: name.id });
    };
    for (const name of names) {
      if (name.key === key) complete(name, 0);
      else if (name.key.startsWith(key)) complete(name, 1 + name.key.length / 1000);
    }
    for (const hit of fuse.search(key, { limit: MAX_COMPLETIONS })) complete(hit.item, 2 + (hit.score ?? 1));
  }
  ranked.sort((a, b) => a.rank - b.rank);
  const seen = new Set<string>();
  const out: Completion[] = [];
  // What the question as typed would answer comes first, so "what is rhlf" shows it finds RLHF.
  const answer = ask(kb, text);
  const [first] = topicsOf(answer);
  const entry = first === undefined ? undefined : kb.byId.get(first);
  if (entry && (answer.kind === 'topic' || answer.kind === 'list')) {
    out.push({ label: `${text.trim()} → ${entry.title}`, question: text.trim() });
    seen.add(entry.id);
  } else if (answer.kind === 'compare') {
    out.push({
      label: `${text.trim()} → compare ${answer.entries.map((e) => e.title).join(' vs ')}`,
      question: text.trim(),
    });
  }
  for (const r of ranked) {
    // One completion per entry, so 25 slots show 25 different things.
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r.completion);
    if (out.length >= MAX_COMPLETIONS) break;
  }
  return out;
}

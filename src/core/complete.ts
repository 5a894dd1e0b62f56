import type { KnowledgeBase } from '../kb/graph.ts';
import { tokenize } from '../kb/normalize.ts';
import type { NameEntry } from '../kb/search-index.ts';
import { topicsOf } from './answer.ts';
import { ask } from './ask.ts';
import { STARTER_QUESTIONS } from './examples.ts';

/** A completion of what the user has typed: the full question it would ask, and what to show. */
export type Completion = { label: string; question: string };

const MAX_COMPLETIONS = 25;
const MAX_FRAGMENT_WORDS = 3;

/** Completions ranked exact name first, then names that start with the last words typed, then fuzzy ones. */
export function completeQuestion(kb: KnowledgeBase, typed: string): Completion[] {
  const text = typed.replace(/\s+/g, ' ').trimStart();
  if (text.trim() === '') return STARTER_QUESTIONS.map((q) => ({ label: q, question: q }));
  const { names, fuzzyNames } = kb.index;
  const words = text.trimEnd().split(' ');
  const ranked: { rank: number; completion: Completion; id: string }[] = [];
  for (let n = Math.min(MAX_FRAGMENT_WORDS, words.length); n >= 1; n--) {
    const head = words.slice(0, words.length - n).join(' ');
    const fragment = words.slice(words.length - n).join(' ');
    const key = tokenize(fragment).join(' ');
    if (key === '') continue;
    const complete = (name: NameEntry, rank: number) => {
      const question = head === '' ? name.name : `${head} ${name.name}`;
      const label = name.name === name.title ? question : `${question} (${name.title})`;
      ranked.push({ rank: rank - n * 0.01, completion: { label, question }, id: name.id });
    };
    for (const name of names) {
      if (name.key === key) complete(name, 0);
      else if (name.key.startsWith(key)) complete(name, 1 + name.key.length / 1000);
    }
    for (const hit of fuzzyNames.search(key, { limit: MAX_COMPLETIONS }))
      complete(hit.item, 2 + (hit.score ?? 1));
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

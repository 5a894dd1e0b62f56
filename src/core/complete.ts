import type { KnowledgeBase } from '../kb/graph.ts';
import { tokenize } from '../kb/normalize.ts';
import type { NameEntry } from '../kb/search-index.ts';
import { topicsOf } from './answer.ts';
import { ask } from './ask.ts';
import { STARTER_QUESTIONS } from './examples.ts';
import { plainText } from './stages/normalize.ts';

/** A completion of what the user has typed, in parts, so a platform can shorten what was typed and never the rest. */
export type Completion = {
  /** What the user typed before the completed part (it may be very long). */
  typed: string;
  /** What the completion adds or points to: a name, a name with its entry's title, "→ Title". */
  suggestion: string;
  /** The full question it would ask. */
  question: string;
  /** A short question that asks about the same thing, for when the full one is too long to carry. */
  short: string;
};

const MAX_COMPLETIONS = 25;
const MAX_FRAGMENT_WORDS = 3;

/** Completions ranked exact name first, then names that start with the last words typed, then fuzzy ones. */
export function completeQuestion(kb: KnowledgeBase, typed: string): Completion[] {
  const text = plainText(typed).trimStart();
  if (text.trim() === '')
    return STARTER_QUESTIONS.map((q) => ({ typed: '', suggestion: q, question: q, short: q }));
  const { names, fuzzyNames } = kb.index;
  const words = text.trimEnd().split(' ');
  const ranked: { rank: number; completion: Completion; id: string }[] = [];
  // A fragment longer than every name can complete none, and fuzzy search on it is slow.
  const longest = names.reduce((max, name) => Math.max(max, name.key.length), 0);
  for (let n = Math.min(MAX_FRAGMENT_WORDS, words.length); n >= 1; n--) {
    const head = words.slice(0, words.length - n).join(' ');
    const fragment = words.slice(words.length - n).join(' ');
    const key = tokenize(fragment).join(' ');
    if (key === '' || key.length > longest) continue;
    const complete = (name: NameEntry, rank: number) => {
      const question = head === '' ? name.name : `${head} ${name.name}`;
      const suggestion = name.name === name.title ? name.name : `${name.name} (${name.title})`;
      ranked.push({
        rank: rank - n * 0.01,
        completion: { typed: head, suggestion, question, short: name.name },
        id: name.id,
      });
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
  const asked = text.trim();
  if (entry && (answer.kind === 'topic' || answer.kind === 'list')) {
    out.push({ typed: asked, suggestion: `→ ${entry.title}`, question: asked, short: entry.title });
    seen.add(entry.id);
  } else if (answer.kind === 'compare') {
    const titles = answer.entries.map((e) => e.title).join(' vs ');
    out.push({ typed: asked, suggestion: `→ compare ${titles}`, question: asked, short: titles });
  }
  for (const r of ranked) {
    // One completion per entry, so 25 slots show 25 different things.
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(meant(kb, r.completion, r.id));
    if (out.length >= MAX_COMPLETIONS) break;
  }
  return out;
}

/** The completion whose question, asked whole, is about the entry it suggests; else it asks by the name alone. */
function meant(kb: KnowledgeBase, completion: Completion, id: string): Completion {
  if (completion.typed === '') return completion;
  if (topicsOf(ask(kb, completion.question)).includes(id)) return completion;
  return { ...completion, question: completion.short };
}

import { findMentions, linkMentions } from '../src/core/stages/mentions.ts';
import { parseQuestion } from '../src/core/stages/normalize.ts';
import { loadKnowledgeBase } from '../src/kb/loader.ts';

const kb = await loadKnowledgeBase('data');
const q = parseQuestion(kb.index, process.argv[2] ?? '');
console.log(q.words.join(' '));
console.log(findMentions(kb, q.words));
const l = linkMentions(kb, q);
console.log(
  l.spans,
  l.setAside.map((e) => e.id),
);

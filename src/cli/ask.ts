// `npm run ask -- [--json] "question"`: one answer; with no question, one answer per line of stdin.

import { createInterface } from 'node:readline';
import { suggestionsOf, topicsOf } from '../core/answer.ts';
import { respond } from '../core/respond.ts';
import { KbLoadError } from '../kb/errors.ts';
import { type KnowledgeBase, loadKnowledgeBase } from '../kb/loader.ts';
import { answerToCard } from '../render/card.ts';
import { cardToText } from '../render/text.ts';
import { exitQuietlyOnClosedStdout } from './epipe.ts';

function answerLine(kb: KnowledgeBase, question: string, json: boolean): string {
  const answer = respond(kb, { type: 'question', text: question });
  const text = cardToText(answerToCard(answer));
  if (!json) return `${text}\n`;
  return JSON.stringify({
    kind: answer.kind,
    topics: topicsOf(answer),
    suggestions: suggestionsOf(answer),
    text,
  });
}

exitQuietlyOnClosedStdout();

async function main(argv: readonly string[]): Promise<void> {
  const json = argv.includes('--json');
  const dataIdx = argv.indexOf('--data');
  const dataDir = dataIdx >= 0 ? (argv[dataIdx + 1] ?? 'data') : 'data';
  const words = argv.filter((a, i) => !a.startsWith('--') && !(dataIdx >= 0 && i === dataIdx + 1));
  const kb = await loadKnowledgeBase(dataDir);
  if (words.length > 0) {
    console.log(answerLine(kb, words.join(' '), json));
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) console.log(answerLine(kb, line, json));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof KbLoadError ? err.message : err);
  process.exitCode = 1;
});

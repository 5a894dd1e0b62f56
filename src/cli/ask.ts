// `npm run ask -- [--json] [--data DIR] "question"`: one answer; with no question, one answer per line of stdin.

import { createInterface } from 'node:readline';
import { suggestionsOf, topicsOf } from '../core/answer.ts';
import { respond } from '../core/respond.ts';
import { type KnowledgeBase, loadKnowledgeBase } from '../kb/loader.ts';
import { answerToCard } from '../render/card.ts';
import { cardToText } from '../render/text.ts';
import { parseCommandLine, requireFolder, runTool, type Tool } from './args.ts';
import { exitQuietlyOnClosedStdout } from './epipe.ts';

const TOOL: Tool = {
  command: 'npm run ask --',
  usage: `Usage: npm run ask -- [--json] [--data DIR] [--] [question ...]

Answers the question given as arguments (its words are joined with spaces); with no question,
answers each line of standard input, in order.

Options:
  --json        print each answer as one line of JSON: {"kind", "topics", "suggestions", "text"}
  --data DIR    read the knowledge base from DIR (default: data)
  -h, --help    print this help and exit
  --            end of options: what follows is the question, even if it starts with "-"
                (npm run ask -- -- "-1 vs 1-bit quantization")

Exit codes: 0 answered, 1 the knowledge base is missing or has problems,
2 wrong usage (an unknown option, --data without DIR).`,
};

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

async function main(argv: string[]): Promise<void> {
  const cli = parseCommandLine(TOOL, {
    args: argv,
    options: { json: { type: 'boolean', default: false }, data: { type: 'string', default: 'data' } },
    allowPositionals: true,
  });
  if (cli === undefined) return;
  const { json, data } = cli.values;
  requireFolder(data);
  const kb = await loadKnowledgeBase(data);
  if (cli.positionals.length > 0) {
    console.log(answerLine(kb, cli.positionals.join(' '), json));
    return;
  }
  const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) console.log(answerLine(kb, line, json));
}

await runTool(TOOL, () => main(process.argv.slice(2)));

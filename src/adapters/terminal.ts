import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ask } from '../core/ask.ts';
import type { KnowledgeBase } from '../kb/loader.ts';
import { answerToText } from '../render/text.ts';

export type TerminalOptions = {
  /** The knowledge base to answer from; a function so a live reload is seen by the next question. */
  kb: () => KnowledgeBase;
  input: Readable;
  output: Writable;
  /** A person at a keyboard: prompt, welcome line, history. Otherwise one answer per input line. */
  interactive: boolean;
};

const PROMPT = 'llm> ';
const QUIT_WORDS = new Set(['quit', 'exit', 'q', ':q', 'bye']);
const MAX_HISTORY = 200;

export const WELCOME = [
  'LLM taxonomy bot: ask about architectures, training approaches, model sizes, modalities and more.',
  'Try "what is RLHF", "transformer vs rnn" or "which models are multimodal". Type "help" for more,',
  '"history" for your past questions, "quit" to leave.',
].join('\n');

/** Runs the terminal mode until the input ends or the user quits. */
export async function runTerminal(options: TerminalOptions): Promise<void> {
  const { input, output, interactive } = options;
  const rl = createInterface({ input, output, terminal: interactive, historySize: MAX_HISTORY });
  const history: string[] = [];
  const write = (text: string) => output.write(`${text}\n`);
  if (interactive) {
    write(WELCOME);
    rl.setPrompt(PROMPT);
    rl.prompt();
  }
  for await (const line of rl) {
    const question = line.trim();
    if (interactive && QUIT_WORDS.has(question.toLowerCase())) break;
    if (interactive && question.toLowerCase() === 'history') {
      write(history.length === 0 ? 'No questions yet.' : history.map((q, i) => `${i + 1}. ${q}`).join('\n'));
    } else if (interactive && question === '') {
      // An empty line at a prompt is not a question.
    } else {
      if (question !== '') history.push(question);
      write(answerToText(ask(options.kb(), question)));
      write('');
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}

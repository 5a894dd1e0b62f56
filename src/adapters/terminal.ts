import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Request } from '../core/respond.ts';
import { answerToCard, type Card } from '../render/card.ts';
import { cardToText } from '../render/text.ts';
import type { Pipeline } from './pipeline.ts';

export type TerminalOptions = {
  pipeline: Pipeline;
  input: Readable;
  output: Writable;
  /** A person at a keyboard: prompt, welcome line, history. Otherwise one answer per input line. */
  interactive: boolean;
  /** Columns to wrap answers to. */
  width?: number;
};

const PROMPT = 'llm> ';
const QUIT_WORDS = new Set(['quit', 'exit', 'q', ':q', 'bye']);
const MAX_HISTORY = 200;
const ORIGIN = { platform: 'terminal', via: 'terminal', userId: 'local' } as const;

export const WELCOME = [
  'LLM taxonomy bot: ask about architectures, training approaches, model sizes, modalities and more.',
  'New here? Type "tour" (then "next" and "back"), and "quiz" to test yourself (answer with a letter).',
  'Or ask: "what is RLHF", "transformer vs rnn", "which models are multimodal". "help" for more,',
  '"history" for your past questions, "quit" to leave.',
].join('\n');

/** What the last answer lets you type instead of clicking: "next", "back", a quiz letter. */
type Session = { last?: Card };

const SYNONYMS: Record<string, string> = {
  n: 'next',
  more: 'next',
  continue: 'next',
  prev: 'back',
  previous: 'back',
};

/** The request a line stands for: a button of the last answer when it names one, a question otherwise. */
export function requestFor(session: Session, line: string): Request {
  const word = line.trim().toLowerCase().replace(/[).]$/, '');
  const key = SYNONYMS[word] ?? word;
  for (const group of session.last?.actions ?? []) {
    for (const b of group.buttons) {
      if (!b.disabled && b.key === key && key !== '') return { type: 'action', action: b.action };
    }
  }
  return { type: 'question', text: line };
}

/** Runs the terminal mode until the input ends or the user quits. */
export async function runTerminal(options: TerminalOptions): Promise<void> {
  const { input, output, interactive, pipeline } = options;
  const rl = createInterface({ input, output, terminal: interactive, historySize: MAX_HISTORY });
  const history: string[] = [];
  const session: Session = {};
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
      const card = answerToCard(pipeline.answer(requestFor(session, question), ORIGIN));
      session.last = card;
      write(cardToText(card, options.width === undefined ? {} : { width: options.width }));
      write('');
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}

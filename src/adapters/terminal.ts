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

/**
 * What typed words can stand for: the last answer's buttons, and those of the tour page or quiz question
 * still open, so "next" and a quiz letter keep working after a question in between.
 */
type Session = { last?: Card; open?: Card | undefined };

const SYNONYMS: Record<string, string> = {
  n: 'next',
  more: 'next',
  continue: 'next',
  prev: 'back',
  previous: 'back',
};

/** Words that only mean something while a tour or a quiz is open. */
const STEP_WORDS = /^(next|back|[a-f])$/;

export const NOTHING_OPEN =
  'Nothing is open to go on with. Type "tour" for the tour, or "quiz" for a question.';

function keyOf(line: string): string {
  const word = line.trim().toLowerCase().replace(/[).]$/, '');
  return SYNONYMS[word] ?? word;
}

function buttonFor(card: Card | undefined, key: string): Request | undefined {
  for (const group of card?.actions ?? []) {
    for (const b of group.buttons) {
      if (!b.disabled && b.key === key && key !== '') return { type: 'action', action: b.action };
    }
  }
  return undefined;
}

/**
 * The request a line stands for: a button of the last answer, else of the open tour page or quiz, else a
 * question; undefined for "next" or a letter when nothing is open (the caller shows a hint instead).
 */
export function requestFor(session: Session, line: string): Request | undefined {
  const key = keyOf(line);
  const pressed = buttonFor(session.last, key) ?? buttonFor(session.open, key);
  if (pressed) return pressed;
  if (STEP_WORDS.test(key)) return undefined;
  return { type: 'question', text: line };
}

/** Keeps the session's open tour page or quiz question up to date with the answer just shown. */
function remember(session: Session, card: Card, kind: string): void {
  session.last = card;
  // A tour page or quiz question stays open while it still offers something to type.
  const live = card.actions.some((g) => g.buttons.some((b) => !b.disabled && b.key));
  if (kind === 'tour' || kind === 'quiz') session.open = live ? card : undefined;
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
    // Piped input obeys these words too: nothing after "quit" is answered.
    if (QUIT_WORDS.has(question.toLowerCase())) break;
    if (question.toLowerCase() === 'history') {
      write(history.length === 0 ? 'No questions yet.' : history.map((q, i) => `${i + 1}. ${q}`).join('\n'));
    } else if (interactive && question === '') {
      // An empty line at a prompt is not a question.
    } else {
      if (question !== '') history.push(question);
      const request = requestFor(session, question);
      if (request) {
        const answer = pipeline.answer(request, ORIGIN);
        const card = answerToCard(answer);
        remember(session, card, answer.kind);
        write(cardToText(card, options.width === undefined ? {} : { width: options.width }));
      } else write(NOTHING_OPEN);
      write('');
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}

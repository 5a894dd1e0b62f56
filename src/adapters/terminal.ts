import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Answer } from '../core/answer.ts';
import { ask } from '../core/ask.ts';
import { gradeQuiz, nextQuiz, tourAnswer } from '../core/onboarding.ts';
import { newSeed } from '../core/quiz.ts';
import type { KnowledgeBase } from '../kb/loader.ts';
import { answerToText, QUIZ_LETTERS } from '../render/text.ts';

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
  'New here? Type "tour" (then "next" and "back"), and "quiz" to test yourself (answer with a letter).',
  'Or ask: "what is RLHF", "transformer vs rnn", "which models are multimodal". "help" for more,',
  '"history" for your past questions, "quit" to leave.',
].join('\n');

/** Where the user is in a tour or a quiz, so "next", "back" and a letter mean something. */
type Session = { last?: Answer };

const NEXT_WORDS = new Set(['next', 'n', 'more', 'continue']);
const BACK_WORDS = new Set(['back', 'b', 'prev', 'previous']);

/** Turns a line into an answer, using the session for "next", "back" and quiz letters. */
export function respondTo(kb: KnowledgeBase, session: Session, line: string): Answer {
  const word = line.trim().toLowerCase();
  const last = session.last;
  let answer: Answer | undefined;
  if (last?.kind === 'tour' && (NEXT_WORDS.has(word) || BACK_WORDS.has(word))) {
    answer = tourAnswer(kb, last.page + (NEXT_WORDS.has(word) ? 1 : -1)) ?? last;
  } else if (last?.kind === 'quiz') {
    const q = last.question;
    const topic = q.topic?.id;
    const letter = QUIZ_LETTERS.indexOf(word.replace(/[).]$/, '').toUpperCase());
    if (!last.result && letter >= 0 && letter < q.options.length)
      answer = gradeQuiz(kb, q.seed, topic, last.streak, letter, q.version);
    else if (last.result && NEXT_WORDS.has(word))
      answer = nextQuiz(kb, q.seed, topic, last.streak, q.version);
  }
  answer ??= ask(kb, line, { seed: newSeed() });
  session.last = answer;
  return answer;
}

/** Runs the terminal mode until the input ends or the user quits. */
export async function runTerminal(options: TerminalOptions): Promise<void> {
  const { input, output, interactive } = options;
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
      write(answerToText(respondTo(options.kb(), session, question)));
      write('');
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}

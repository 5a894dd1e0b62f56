import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { createPipeline } from '../../src/adapters/pipeline.ts';
import { NOTHING_OPEN, runTerminal, WELCOME } from '../../src/adapters/terminal.ts';
import { createLogger } from '../../src/log.ts';
import { realKb } from '../support/kb.ts';

async function session(lines: readonly string[], interactive: boolean, width?: number): Promise<string> {
  const kb = await realKb();
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => {
    text += d.toString();
  });
  const pipeline = createPipeline({ kb: () => kb, logger: createLogger('silent') });
  const done = runTerminal({
    pipeline,
    input,
    output,
    interactive,
    ...(width === undefined ? {} : { width }),
  });
  for (const line of lines) input.write(`${line}\n`);
  input.end();
  await done;
  return text;
}

describe('the terminal mode', () => {
  test('greets, prompts, answers, keeps a history and quits on "quit"', async () => {
    const text = await session(['what is rlhf', '', 'history', 'quit', 'what is bert'], true);
    expect(text.startsWith(WELCOME)).toBe(true);
    expect(text).toContain('llm> ');
    expect(text).toContain('Reinforcement Learning from Human Feedback (RLHF)');
    expect(text).toContain('1. what is rlhf');
    expect(text).not.toContain('Bidirectional Encoder');
  });

  test('pages through the tour with next and back, and takes the quiz with letters', async () => {
    const text = await session(
      ['tour', 'next', 'next', 'back', 'quiz me on architectures', 'a', 'next'],
      false,
    );
    // Each answer starts with its eyebrow ("Tour · page 2 of 16", "Quiz · By architecture") and its title.
    const headings = [...text.matchAll(/^(Tour · page \d+ of \d+|Quiz · .*)\n(.*)$/gm)].map(
      (m) => `${m[1]} | ${m[2]}`,
    );
    expect(headings.slice(0, 4)).toEqual([
      expect.stringMatching(/^Tour · page 1 of \d+ \| 6 ways to classify models$/),
      expect.stringMatching(/^Tour · page 2 of \d+ \| The basics$/),
      expect.stringMatching(/^Tour · page 3 of \d+ \| By architecture$/),
      expect.stringMatching(/^Tour · page 2 of \d+ \| The basics$/),
    ]);
    expect(headings.filter((h) => h.startsWith('Quiz · By architecture'))).toHaveLength(3);
    expect(text).toMatch(/✅ Right!|❌ Not quite: the answer is [A-D]\)/);
    expect(text).toMatch(/Streak: [01] · anyone can answer/);
    expect(text).toContain('Type "next".');
  });

  test('answers every piped line without prompts and stops at end of input', async () => {
    const text = await session(['rlhf', 'tell me a joke'], false);
    expect(text).not.toContain('llm>');
    expect(text).toContain('Reinforcement Learning from Human Feedback (RLHF)');
    expect(text).toContain('I only know about the taxonomy');
  });

  test('the tour and the quiz keep their place when other questions come in between', async () => {
    const text = await session(
      ['tour', 'what is bert', 'next', 'quiz me on architectures', 'rnn vs cnn', 'b'],
      false,
    );
    const headings = [...text.matchAll(/^(Tour · page \d+ of \d+)\n(.*)$/gm)].map((m) => `${m[1]} | ${m[2]}`);
    // "next" after a question goes on with the tour, not to the Autoregressive entry.
    expect(headings).toEqual([
      expect.stringMatching(/^Tour · page 1 of \d+ \| 6 ways to classify models$/),
      expect.stringMatching(/^Tour · page 2 of \d+ \| The basics$/),
    ]);
    // The letter answers the open quiz question instead of being asked about.
    expect(text).toMatch(/✅ Right!|❌ Not quite: the answer is [A-D]\)/);
    expect(text).not.toContain("I don't know about");
  });

  test('"next" or a letter with nothing open gives a hint, not an answer about something else', async () => {
    const text = await session(['next', 'c'], false);
    expect(text.split(NOTHING_OPEN)).toHaveLength(3);
    expect(text).not.toContain('Autoregressive');
  });

  test('piped input honours "history" and "quit": nothing after quit is answered', async () => {
    const text = await session(['what is rlhf', 'history', 'quit', 'what is bert'], false);
    expect(text).toContain('1. what is rlhf');
    expect(text).not.toContain('Bidirectional Encoder');
  });

  test('wraps every line to the width it is given, the overview and formulas included', async () => {
    for (const width of [88, 60]) {
      const text = await session(
        ['ways to classify models', 'formula for self-attention', 'what is ppo', 'tour'],
        false,
        width,
      );
      const long = text.split('\n').filter((l) => [...l].length > width);
      expect(long).toEqual([]);
    }
  });
});

import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { runTerminal, WELCOME } from '../../src/adapters/terminal.ts';
import { realKb } from '../support/kb.ts';

async function session(lines: readonly string[], interactive: boolean): Promise<string> {
  const kb = await realKb();
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => {
    text += d.toString();
  });
  const done = runTerminal({ kb: () => kb, input, output, interactive });
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
    const headings = [...text.matchAll(/^(Tour \d+\/\d+ · .*|Quiz · .*)$/gm)].map((m) => m[1]);
    expect(headings.slice(0, 4)).toEqual([
      expect.stringMatching(/^Tour 1\/\d+ · 6 ways to classify models$/),
      expect.stringMatching(/^Tour 2\/\d+ · By architecture$/),
      expect.stringMatching(/^Tour 3\/\d+ · By training approach$/),
      expect.stringMatching(/^Tour 2\/\d+ · By architecture$/),
    ]);
    expect(headings.filter((h) => h === 'Quiz · By architecture')).toHaveLength(3);
    expect(text).toMatch(/✔ Right!|✘ Not quite: the answer is [A-D]\)/);
    expect(text).toMatch(/Streak: [01]\. Type "next" for another question\./);
  });

  test('answers every piped line without prompts and stops at end of input', async () => {
    const text = await session(['rlhf', 'tell me a joke'], false);
    expect(text).not.toContain('llm>');
    expect(text).toContain('Reinforcement Learning from Human Feedback (RLHF)');
    expect(text).toContain('I only know about the taxonomy');
  });
});

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXAMPLE_QUESTIONS, STARTER_QUESTIONS, TRY_QUESTIONS } from '../../src/core/examples.ts';
import { realKb } from '../support/kb.ts';
import { loadQuestions } from '../support/questions.ts';
import { acceptedIds, loadRealQuestions, splitOf } from '../support/real-questions.ts';

// The real-question corpus (docs/answer-quality.md): what it must hold, and the frozen test split.

/** sha256 of the test split's questions, sorted: changing any of them changes this. */
const FROZEN_TEST_SPLIT = 'fcb917c4d6790b42d26f7cfe9a21b7c89359210b414e5beabaf0eac4e9e047cf';

describe('the real-question corpus', () => {
  const corpus = loadRealQuestions();

  test('holds at least 400 questions asked in public, each with its address, 100 or more out of scope', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(400);
    const out = corpus.filter((q) => q.kind === 'none');
    expect(out.length).toBeGreaterThanOrEqual(100);
    // Most out-of-scope questions name something the knowledge base knows, which is what makes them hard.
    expect(out.filter((q) => q.suggest !== undefined).length / out.length).toBeGreaterThan(0.5);
    expect(new Set(corpus.map((q) => q.q)).size).toBe(corpus.length);
    for (const q of corpus) expect(q.source, q.q).toMatch(/^https?:\/\/\S+$/);
  });

  test('labels only with ids that exist', async () => {
    const kb = await realKb();
    for (const q of corpus)
      for (const id of [...acceptedIds(q), ...(q.kind === 'none' ? (q.suggest ?? []) : [])])
        expect(kb.byId.has(id), `${id} in "${q.q}"`).toBe(true);
  });

  test('splits by a seeded hash of the question, 60/20/20, and the test split is frozen', () => {
    for (const q of corpus) expect(q.split, q.q).toBe(splitOf(q.q));
    const share = (s: string) => corpus.filter((q) => q.split === s).length / corpus.length;
    expect(share('train')).toBeGreaterThan(0.5);
    expect(share('dev')).toBeGreaterThan(0.15);
    expect(share('test')).toBeGreaterThan(0.12);
    const test = corpus
      .filter((q) => q.split === 'test')
      .map((q) => q.q)
      .sort()
      .join('\n');
    expect(createHash('sha256').update(test).digest('hex')).toBe(FROZEN_TEST_SPLIT);
  });
});

describe('the code', () => {
  test('contains no question text from any fixture: it fixes classes, not questions', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((d) => {
        if (d.isDirectory()) return files(join(dir, d.name));
        return /\.(ts|json)$/.test(d.name) ? [join(dir, d.name)] : [];
      });
    const code = files('src')
      .map((f) => readFileSync(join(root, f), 'utf8').toLowerCase())
      .join('\n');
    // The bot's own example questions (help, autocomplete, the tour) are its copy; the question set checks them.
    const own = new Set(
      [...EXAMPLE_QUESTIONS, ...STARTER_QUESTIONS, ...TRY_QUESTIONS].map((q) => q.toLowerCase()),
    );
    const questions = [...loadRealQuestions().map((q) => q.q), ...loadQuestions().map((c) => c.q)]
      .map((q) => q.toLowerCase().trim())
      .filter((q) => q.length >= 24 && !own.has(q));
    expect(questions.filter((q) => code.includes(q))).toEqual([]);
  });
});

import { describe, expect, test } from 'vitest';
import { distinctQuestions } from '../../bench/questions.ts';
import { realSources, syntheticSources } from '../../bench/synthetic.ts';
import { ask } from '../../src/core/ask.ts';
import { completeQuestion } from '../../src/core/complete.ts';
import { buildKnowledgeBase } from '../../src/kb/loader.ts';

// A regression check that times nothing: a knowledge base of 100,000 entries (generated YAML, validated and
// indexed as data/ is) loads, and questions about it are answered without throwing. Its speed is in the bench.
describe('a knowledge base of 100,000 entries', () => {
  test('loads, answers and completes without throwing', async () => {
    const real = await realSources();
    const kb = buildKnowledgeBase(syntheticSources(real, buildKnowledgeBase(real).entries.length, 100_000));
    expect(kb.entries.length).toBeGreaterThan(99_000);
    const questions = distinctQuestions(kb, 300, 1);
    for (const q of questions) expect(() => ask(kb, q)).not.toThrow();
    const generated = kb.entries.find((e) => e.id.startsWith('model/') && e.title.includes('-5000'));
    expect(generated).toBeDefined();
    const answer = ask(kb, `what is ${generated?.title}`);
    expect(answer.kind).toBe('topic');
    expect(completeQuestion(kb, `what is ${generated?.title.slice(0, 6)}`).length).toBeGreaterThan(0);
  }, 120_000);
});

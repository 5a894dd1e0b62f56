import { describe, expect, test } from 'vitest';
import type { Answer } from '../../src/core/answer.ts';
import { ask } from '../../src/core/ask.ts';
import { quizQuestion } from '../../src/core/quiz.ts';
import { nameKey } from '../../src/kb/normalize.ts';
import { answerToCard } from '../../src/render/card.ts';
import { cardToText } from '../../src/render/text.ts';
import { realKb } from '../support/kb.ts';

type Of<K extends Answer['kind']> = Extract<Answer, { kind: K }>;

describe('answers a newcomer meets first', () => {
  test("an entry without an analogy of its own gives its parent's, and names whose it is", async () => {
    const kb = await realKb();
    const answer = ask(kb, "explain attention like I'm 5") as Of<'topic'>;
    expect(answer.kind).toBe('topic');
    expect(answer.entry.id).toBe('concept/self-attention');
    const transformer = kb.byId.get('architecture/transformer');
    expect(transformer && 'analogy' in transformer ? transformer.analogy : undefined).toBeDefined();
    expect(answer.borrowedAnalogy?.from.id).toBe('architecture/transformer');
    const text = cardToText(answerToCard(answer));
    expect(text).not.toContain('No layman');
    const analogy = transformer && 'analogy' in transformer ? String(transformer.analogy) : '';
    // The analogy leads, under a heading that says it is the transformer's.
    const at = text.indexOf(analogy.split(' ').slice(0, 4).join(' '));
    expect(at).toBeGreaterThan(0);
    expect(text.slice(0, at)).toMatch(/In layman's terms \(the analogy for Transformer-based/);
    expect(at).toBeLessThan(text.indexOf('More:'));
  });

  test('an entry with its own analogy keeps it and borrows nothing', async () => {
    const kb = await realKb();
    const answer = ask(kb, 'explain rlhf like I am five') as Of<'topic'>;
    expect(answer.borrowedAnalogy).toBeUndefined();
  });

  test('no quiz question shows its answer: not in the prompt, not in the formula', async () => {
    const kb = await realKb();
    const topics = [undefined, ...kb.entries.filter((e) => e.kind === 'dimension').map((e) => e.id)];
    let asked = 0;
    for (const topic of topics) {
      for (let seed = 1; seed <= 300; seed++) {
        const q = quizQuestion(kb, seed, topic);
        if (!q) continue;
        asked++;
        const answer = kb.byId.get(q.options[q.correct]?.id ?? '');
        const shown = ` ${nameKey([q.prompt, q.formula?.name ?? '', q.formula?.unicode ?? ''].join(' '))} `;
        for (const name of [answer?.title ?? '', ...(answer?.aliases ?? [])]) {
          const key = nameKey(name);
          if (key.length > 2) expect(shown, `${q.prompt} → ${name}`).not.toContain(` ${key} `);
        }
      }
    }
    expect(asked).toBeGreaterThan(1000);
  });

  test("a comparison's key difference speaks only of what is compared, and no row is all blanks", async () => {
    const kb = await realKb();
    const rnnCnn = ask(kb, 'rnn vs cnn') as Of<'compare'>;
    expect(rnnCnn.keyDifference).toMatch(/RNNs/);
    expect(rnnCnn.keyDifference).toMatch(/CNNs/);
    expect(rnnCnn.keyDifference).not.toMatch(/Transformer/i);
    const withHybrid = ask(kb, 'transformer vs hybrid') as Of<'compare'>;
    expect(withHybrid.kind).toBe('compare');
    expect(withHybrid.keyDifference).toBeUndefined();
    const all = ask(kb, 'compare all four architectures') as Of<'compare'>;
    expect(all.keyDifference).toMatch(/Transformers.*RNNs.*CNNs/);
    for (const q of [
      'rnn vs cnn',
      'transformer vs hybrid',
      'bert vs gpt-4',
      'rlhf vs masked language modeling',
    ]) {
      const a = ask(kb, q) as Of<'compare'>;
      for (const row of a.rows)
        expect(
          row.values.some((v) => v !== '—'),
          `${q}: ${row.aspect}`,
        ).toBe(true);
    }
  });
});

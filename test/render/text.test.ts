import { describe, expect, test } from 'vitest';
import { ask } from '../../src/core/ask.ts';
import { wrap } from '../../src/render/text.ts';
import { toText as answerToText } from '../support/answers.ts';
import { realKb } from '../support/kb.ts';

describe('the terminal renderer', () => {
  test('shows a topic with its formulas in Unicode, pros, cons, analogy and see-also', async () => {
    const text = answerToText(ask(await realKb(), 'what is a transformer'));
    expect(text.split('\n')[0]).toBe('Transformer-based');
    expect(text).toContain('Attention(Q,K,V) = softmax(QKᵀ/√dₖ)V');
    expect(text).toMatch(/Pros:\n {2}• Fast parallel processing/);
    expect(text).toMatch(/Cons:\n {2}• Memory-hungry/);
    expect(text).toContain("In layman's terms:\n  Reading the whole page at once.");
    expect(text).toContain('See also: Self-attention');
    expect(text).toContain('Memory: O(n²) attention memory');
  });

  test('puts the asked-for part first', async () => {
    const kb = await realKb();
    const text = answerToText(ask(kb, 'explain rnns like I am five'));
    expect(text.indexOf("In layman's terms")).toBeLessThan(text.indexOf('Formulas'));
    const formulas = answerToText(ask(kb, 'rnn formulas'));
    expect(formulas.indexOf('Formulas')).toBeLessThan(formulas.indexOf('Pros'));
  });

  test('shows the as-of date with product lists', async () => {
    const kb = await realKb();
    expect(answerToText(ask(kb, 'which models are multimodal'))).toContain('as of June 2025');
    expect(answerToText(ask(kb, 'what is rlhf'))).toContain(
      'Examples (as of June 2025): ChatGPT, Claude, Bard',
    );
  });

  test('shows a model with its placements and the note where the seed disagrees', async () => {
    const text = answerToText(ask(await realKb(), 'gpt-3'));
    expect(text).toContain('By scale/size: Large models');
    expect(text).toContain('Note: GPT-3 has 175B parameters');
  });

  test('shows a comparison side by side with the key difference', async () => {
    const text = answerToText(ask(await realKb(), 'transformer vs rnn'));
    expect(text.split('\n')[0]).toBe('Transformer-based vs Recurrent (LSTM/GRU)');
    expect(text).toMatch(
      /Memory:\n {2}Transformer-based: O\(n²\) attention memory\n {2}Recurrent \(LSTM\/GRU\): O\(n\) memory/,
    );
    expect(text).toContain('Key difference: Transformers use parallel attention');
  });

  test('answers off-topic questions politely with examples', async () => {
    const text = answerToText(ask(await realKb(), 'tell me a joke'));
    expect(text).toContain('I only know about the taxonomy of LLMs and AI models');
    expect(text).toContain('"what is RLHF"');
  });

  test('says so when an intersection is empty', async () => {
    const text = answerToText(ask(await realKb(), 'which models are both vision and conversational'));
    expect(text).toContain('The cheat sheet names no model in all of these at once.');
  });

  test('tells an intersection from a union in the heading', async () => {
    const kb = await realKb();
    expect(answerToText(ask(kb, 'which models are both conversational and very large')).split('\n')[0]).toBe(
      'Models that are Conversational + Very large models',
    );
    expect(answerToText(ask(kb, 'models under 10B parameters')).split('\n')[0]).toBe(
      'Small models or Medium models',
    );
  });

  test('wraps prose without breaking words', () => {
    const lines = wrap('alpha beta gamma delta', 11).split('\n');
    expect(lines).toEqual(['alpha beta', 'gamma delta']);
  });
});

import { describe, expect, test } from 'vitest';
import { topicsOf } from '../../src/core/answer.ts';
import { ask } from '../../src/core/ask.ts';
import { realKb } from '../support/kb.ts';
import { describeMiss, judge, loadQuestions } from '../support/questions.ts';

const IN_DOMAIN_TARGET = 0.98;

describe('the question set', () => {
  const cases = loadQuestions();

  test('is big and varied enough to mean something', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.filter((c) => c.expect === 'none').length).toBeGreaterThanOrEqual(25);
    expect(cases.filter((c) => Array.isArray(c.expect)).length).toBeGreaterThanOrEqual(15);
  });

  test(`answers at least ${IN_DOMAIN_TARGET * 100}% of in-domain questions with the right entry first`, async () => {
    const kb = await realKb();
    const outcomes = cases.filter((c) => c.expect !== 'none').map((c) => judge(kb, c));
    const misses = outcomes.filter((o) => !o.ok);
    const rate = 1 - misses.length / outcomes.length;
    console.log(
      `in-domain top-1: ${(rate * 100).toFixed(1)}% (${outcomes.length - misses.length}/${outcomes.length})`,
    );
    if (misses.length > 0) console.log(misses.map(describeMiss).join('\n'));
    expect(rate).toBeGreaterThanOrEqual(IN_DOMAIN_TARGET);
  });

  test('rejects every off-topic question', async () => {
    const kb = await realKb();
    const misses = cases
      .filter((c) => c.expect === 'none')
      .map((c) => judge(kb, c))
      .filter((o) => !o.ok);
    if (misses.length > 0) console.log(misses.map(describeMiss).join('\n'));
    expect(misses).toEqual([]);
  });
});

describe('ask', () => {
  test('leads with pros and cons, the analogy or the formulas when asked', async () => {
    const kb = await realKb();
    const focus = (q: string) => {
      const a = ask(kb, q);
      return a.kind === 'topic' ? a.focus : a.kind;
    };
    expect(focus('what is a transformer')).toBe('overview');
    expect(focus('pros and cons of transformers')).toBe('pros-cons');
    expect(focus('downsides of rnns')).toBe('pros-cons');
    expect(focus('explain rlhf like I am five')).toBe('analogy');
    expect(focus('rlhf in layman’s terms')).toBe('analogy');
    expect(focus('formula for self attention')).toBe('formulas');
    expect(focus('transformer equations')).toBe('formulas');
  });

  test('gives a concept its formulas and its architecture', async () => {
    const a = ask(await realKb(), 'lstm gates');
    expect(a.kind).toBe('topic');
    if (a.kind !== 'topic') return;
    expect(a.formulas.map((f) => f.name)).toEqual([
      'LSTM forget gate',
      'LSTM input gate',
      'LSTM output gate',
    ]);
    expect(a.parent?.id).toBe('architecture/recurrent');
  });

  test('places a model in each dimension the seed names', async () => {
    const a = ask(await realKb(), 'claude');
    if (a.kind !== 'topic') throw new Error(`expected a topic, got ${a.kind}`);
    expect(a.placements.map((p) => [p.dimension.id, p.categories.map((c) => c.id)])).toEqual([
      ['dimension/training', ['training/rlhf']],
      ['dimension/scale', ['scale/very-large']],
      ['dimension/purpose', ['purpose/conversational', 'purpose/reasoning']],
    ]);
  });

  test('compares aspect by aspect, with the key difference line for architectures', async () => {
    const a = ask(await realKb(), 'transformer vs rnn');
    if (a.kind !== 'compare') throw new Error(`expected a comparison, got ${a.kind}`);
    const row = (aspect: string) => a.rows.find((r) => r.aspect === aspect)?.values;
    expect(row('Memory')).toEqual(['O(n²) attention memory', 'O(n) memory']);
    expect(row('Pros')?.[1]).toContain('Memory-efficient');
    expect(row("In layman's terms")).toEqual([
      'Reading the whole page at once.',
      'Reading word-by-word while taking notes.',
    ]);
    expect(a.keyDifference).toContain('parallel attention');
    expect(a.rows.every((r) => r.values.length === 2)).toBe(true);
  });

  test('puts the focused aspects first in a comparison', async () => {
    const a = ask(await realKb(), 'pros and cons of bert-style vs gpt-style training');
    if (a.kind !== 'compare') throw new Error(`expected a comparison, got ${a.kind}`);
    expect(a.rows.slice(0, 2).map((r) => r.aspect)).toEqual(['Pros', 'Cons']);
    expect(topicsOf(a)).toEqual(['training/masked-lm', 'training/autoregressive']);
  });

  test('compares models by their placements', async () => {
    const a = ask(await realKb(), 'gpt-3 vs palm-62b');
    if (a.kind !== 'compare') throw new Error(`expected a comparison, got ${a.kind}`);
    expect(a.rows.find((r) => r.aspect === 'By scale/size')?.values).toEqual([
      'Large models',
      'Large models',
    ]);
  });

  test('intersects categories across dimensions', async () => {
    const a = ask(await realKb(), 'which models are both conversational and very large');
    if (a.kind !== 'list') throw new Error(`expected a list, got ${a.kind}`);
    expect(a.criteria.map((c) => c.id)).toEqual(['purpose/conversational', 'scale/very-large']);
    expect(a.items.map((i) => i.id)).toEqual(['model/claude']);
  });

  test('reads parameter counts into scale categories', async () => {
    const kb = await realKb();
    const first = (q: string) => topicsOf(ask(kb, q))[0];
    expect(first('models under 1B parameters')).toBe('scale/small');
    expect(first('models with more than 100 billion parameters')).toBe('scale/very-large');
    expect(first('models between 1 and 10 billion parameters')).toBe('scale/medium');
    expect(first('which models have 100B+ parameters')).toBe('scale/very-large');
    const under10 = ask(kb, 'models under 10B parameters');
    if (under10.kind !== 'list') throw new Error(`expected a list, got ${under10.kind}`);
    expect(under10.criteria.map((c) => c.id)).toEqual(['scale/small', 'scale/medium']);
    expect(under10.items.map((i) => i.id)).toEqual([
      'model/distilbert',
      'model/mobilebert',
      'model/gpt-2',
      'model/t5-base',
    ]);
  });

  test('lists a dimension with its categories and their members', async () => {
    const a = ask(await realKb(), 'what are the types of architectures');
    if (a.kind !== 'list') throw new Error(`expected a list, got ${a.kind}`);
    expect(a.groups.map((g) => g.entry.id)).toEqual([
      'architecture/transformer',
      'architecture/recurrent',
      'architecture/convolutional',
      'architecture/hybrid',
    ]);
  });

  test('rejects off-topic questions without inventing suggestions', async () => {
    const a = ask(await realKb(), "what's the weather in Paris");
    expect(a).toMatchObject({ kind: 'none', suggestions: [] });
  });

  test('offers a close entry when a question half-matches one', async () => {
    const a = ask(await realKb(), 'I need a vision for my garden redesign');
    expect(a.kind).toBe('none');
    if (a.kind === 'none') expect(a.suggestions.map((s) => s.id)).toEqual(['modality/vision']);
  });

  test('answers help for an empty question, a question mark and "help"', async () => {
    const kb = await realKb();
    for (const q of ['', '   ', '?', 'help', 'HELP!']) expect(ask(kb, q).kind, q).toBe('help');
  });

  test('ignores chat markup: mentions, channel pings and markdown', async () => {
    const kb = await realKb();
    expect(topicsOf(ask(kb, '<@123456789012345678> **what is** `rlhf`? @everyone'))).toEqual([
      'training/rlhf',
    ]);
    expect(topicsOf(ask(kb, '<!channel> _bert_ vs <@U0123ABC> ~gpt~'))).toEqual(['model/bert', 'model/gpt']);
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ask } from '../../src/core/ask.ts';
import { completeQuestion } from '../../src/core/respond.ts';
import { completionsToChoices } from '../../src/render/discord.ts';
import { realKb } from '../support/kb.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Typed text as people type it: words, names from the knowledge base, odd characters, any length up to 6,000. */
function typedText(names: readonly string[]): fc.Arbitrary<string> {
  const word = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom(
      'what is',
      'compare',
      'with',
      'vs',
      'the',
      'difference',
      'between',
      'and',
      'tell me about',
    ),
    fc.string({ unit: 'grapheme', maxLength: 12 }),
  );
  const words = fc.array(word, { maxLength: 40 }).map((ws) => ws.join(' '));
  const padded = fc
    .tuple(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.integer({ min: 0, max: 6000 }), words)
    .map(
      ([filler, n, tail]) =>
        `${filler.repeat(Math.ceil(n / Math.max(filler.length, 1))).slice(0, n)} ${tail}`,
    );
  return fc.oneof(words, padded).map((s) => s.slice(0, 6000));
}

describe('autocomplete choices', () => {
  test('stay unique, within limits, whole, and answerable for typed text of 0 to 6,000 characters', async () => {
    const kb = await realKb();
    const names = kb.index.names.map((n) => n.name);
    fc.assert(
      fc.property(typedText(names), (typed) => {
        const choices = completionsToChoices(completeQuestion(kb, typed));
        expect(choices.length).toBeLessThanOrEqual(25);
        expect(new Set(choices.map((c) => c.name)).size).toBe(choices.length);
        for (const c of choices) {
          expect(c.name.length).toBeGreaterThanOrEqual(1);
          expect(c.name.length).toBeLessThanOrEqual(100);
          expect(c.value.length).toBeGreaterThanOrEqual(1);
          expect(c.value.length).toBeLessThanOrEqual(100);
          expect(c.name).not.toMatch(LONE_SURROGATE);
          expect(c.value).not.toMatch(LONE_SURROGATE);
          expect(c.value).not.toMatch(/…$/);
          expect(ask(kb, c.value).kind, `${JSON.stringify(typed.slice(-80))} → ${c.value}`).not.toBe('none');
        }
      }),
      { numRuns: 150 },
    );
  });

  test('a long typed text keeps its end and every suggestion whole', async () => {
    const kb = await realKb();
    const typed = `${'tell me more about these models please '.repeat(5)}what is ber`;
    const choices = completionsToChoices(completeQuestion(kb, typed));
    expect(choices.length).toBeGreaterThan(1);
    for (const c of choices) expect(c.name).toMatch(/^….*please what /);
    expect(choices.map((c) => c.name)).toContainEqual(expect.stringMatching(/what is BERT$/));
    expect(choices.map((c) => c.value)).toContain('BERT');
  });
});

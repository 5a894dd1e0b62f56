import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ask } from '../../src/core/ask.ts';
import { toText as answerToText, expectWellFormed } from '../support/answers.ts';
import { realKb } from '../support/kb.ts';

// Pieces that hostile or careless chat input is made of.
const nasty = fc.constantFrom(
  '@everyone',
  '@here',
  '<!channel>',
  '<!here>',
  '<@U0123ABC>',
  '<@&123456789012345678>',
  '<#123456789012345678>',
  '**',
  '`',
  '```',
  '~~',
  '||',
  '> ',
  '\u0000',
  '\u200b',
  '\u202e',
  '\r\n',
  '\t',
  '🤖',
  '👩‍💻',
  'é',
  'ﬁ',
  'Ⅻ',
  'transformer',
  'vs',
  'rlhf',
  'which models',
  'pros and cons',
  '100B+',
  '<1B',
  'under 1b parameters',
  '?',
);
const question = fc.oneof(
  fc.string({ maxLength: 2000, unit: 'grapheme' }),
  fc.string({ maxLength: 2000, unit: 'binary' }),
  fc.array(fc.oneof(nasty, fc.string({ maxLength: 20 })), { maxLength: 60 }).map((parts) => parts.join(' ')),
  fc.string({ minLength: 500, maxLength: 2000, unit: fc.constantFrom('a', 'b', 'x') }),
);

describe('ask on any input', () => {
  test('never throws and always returns a well-formed answer that renders as text', async () => {
    const kb = await realKb();
    fc.assert(
      fc.property(question, (q) => {
        const answer = ask(kb, q);
        expectWellFormed(answer);
        const text = answerToText(answer);
        expect(text.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  test('is deterministic: the same question gets the same answer', async () => {
    const kb = await realKb();
    fc.assert(
      fc.property(question, (q) => {
        expect(ask(kb, q)).toEqual(ask(kb, q));
      }),
      { numRuns: 100 },
    );
  });

  test('answers a very long question quickly enough to finish, and echoes it only in part', async () => {
    const kb = await realKb();
    const long = `${'what is transformer '.repeat(100)}${'x'.repeat(5000)}`;
    const answer = ask(kb, long);
    expectWellFormed(answer);
    expect(answerToText(ask(kb, 'zq'.repeat(3000))).length).toBeLessThan(1000);
  });
});

import { describe, expect, test } from 'vitest';
import { completeQuestion, respond } from '../src/core/respond.ts';
import { answerToCard } from '../src/render/card.ts';
import { cardToDiscord, cardToDiscordThread, completionsToChoices } from '../src/render/discord.ts';
import { cardToBlockKit } from '../src/render/slack.ts';
import { cardToText } from '../src/render/text.ts';
import type { Json } from './support/fake-discord.ts';
import { clean, inspect, runFuzz } from './support/fuzz.ts';
import { realKb } from './support/kb.ts';

describe('the fuzzer', () => {
  test('10,000 generated inputs: no throw, no limit broken, no half character, no raw markup, no ping', async () => {
    const report = runFuzz(await realKb(), 10_000, 1);
    expect(report.examples).toEqual([]);
    expect(clean(report)).toBe(true);
    expect(report.inputs).toBe(10_000);
  }, 180_000);
});

describe("the fuzzer's checks", () => {
  const ok = { content: 'fine', embeds: [], components: [], allowed_mentions: { parse: [] } };
  test('catch a ping, raw markup, half a character and a broken limit', () => {
    const kinds = (discord: Json[], slack: Json[], text = '') =>
      inspect(discord, slack, text).map((p) => p.kind);
    expect(kinds([ok], [{ text: 'x', blocks: [] }])).toEqual([]);
    expect(kinds([{ ...ok, allowed_mentions: { parse: ['everyone'] } }], [])).toEqual(['unwanted_pings']);
    expect(kinds([], [{ text: 'hey <!channel>', blocks: [] }])).toContain('unwanted_pings');
    expect(kinds([], [{ text: 'see <https://x.test|link>', blocks: [] }])).toEqual(['unescaped_markup']);
    expect(kinds([{ ...ok, content: 'I do not know **fz**' }], [])).toEqual(['unescaped_markup']);
    expect(kinds([ok], [], 'cut \ud83d')).toEqual(['invalid_unicode']);
    expect(kinds([{ ...ok, content: 'x'.repeat(2001) }], [])).toEqual(['limit_violations']);
  });
});

describe("the audit's repros", () => {
  test('an emoji-heavy question is never echoed with half a character, on any platform', async () => {
    const kb = await realKb();
    for (const text of [`xy${'😀'.repeat(150)}`, `what is ${'😀'.repeat(300)}`, `${'é'.repeat(499)}😀`]) {
      const card = answerToCard(respond(kb, { type: 'question', text }));
      const problems = inspect(
        [cardToDiscord(card), ...cardToDiscordThread(card)].map((x) => JSON.parse(JSON.stringify(x)) as Json),
        [JSON.parse(JSON.stringify(cardToBlockKit(card))) as Json],
        cardToText(card),
      );
      expect(problems).toEqual([]);
    }
    const choices = completionsToChoices(completeQuestion(kb, `what is bert x${'😀'.repeat(60)}`));
    for (const c of choices)
      expect(`${c.name}${c.value}`).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
  });
});

import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type Action, decodeAction, encodeAction, threadAction } from '../../src/core/actions.ts';
import { ask } from '../../src/core/ask.ts';
import { answerToCard } from '../../src/render/card.ts';
import { cardToDiscordThread, clip, fitEmbed } from '../../src/render/discord.ts';
import { toDiscord as answerToDiscord } from '../support/answers.ts';
import { discordViolations, embedTotal } from '../support/discord-limits.ts';
import type { Json } from '../support/fake-discord.ts';
import { realKb } from '../support/kb.ts';
import { loadQuestions } from '../support/questions.ts';

function asJson(x: unknown): Json {
  return JSON.parse(JSON.stringify(x)) as Json;
}

describe('the Discord renderer', () => {
  test('keeps every answer of the question set within Discord limits', async () => {
    const kb = await realKb();
    for (const c of loadQuestions()) {
      const reply = asJson(answerToDiscord(ask(kb, c.q)));
      expect(discordViolations(reply), c.q).toEqual([]);
    }
  });

  test('a compare answer fits every embed limit, and so does its full thread version', async () => {
    const answer = ask(await realKb(), 'compare all four training approaches');
    const reply = asJson(answerToDiscord(answer));
    expect(embedTotal(reply)).toBeLessThanOrEqual(6000);
    for (const part of cardToDiscordThread(answerToCard(answer)))
      expect(discordViolations(asJson(part))).toEqual([]);
  });

  test('never produces a payload Discord would reject, whatever the question', async () => {
    const kb = await realKb();
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'grapheme' }), (q) => {
        const reply = asJson(answerToDiscord(ask(kb, q)));
        expect(discordViolations(reply)).toEqual([]);
        expect(reply.allowed_mentions ?? reply.allowedMentions).toEqual({ parse: [] });
      }),
      { numRuns: 200 },
    );
  });

  test('escapes markdown in the echoed question', async () => {
    const reply = answerToDiscord(ask(await realKb(), '**zzz** qqq'));
    expect(reply.embeds[0]?.description).toContain('\\*\\*zzz\\*\\*');
  });

  test('mentions only a well-formed user id', () => {
    const answer = {
      kind: 'help' as const,
      dimensions: [],
      examples: ['x'],
      tour: { total: 1, version: 'abcdef' },
      asOf: 'June 2025',
    };
    expect(answerToDiscord(answer, { mentionUserId: '1400000000000000004' }).allowedMentions).toEqual({
      parse: [],
      users: ['1400000000000000004'],
    });
    expect(answerToDiscord(answer, { mentionUserId: '@everyone' })).toMatchObject({
      allowedMentions: { parse: [] },
    });
    expect(answerToDiscord(answer, { mentionUserId: '@everyone' }).content).toBeUndefined();
  });

  test('trims an oversized embed gracefully', () => {
    const fitted = fitEmbed({
      title: 't'.repeat(300),
      description: 'd'.repeat(5000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'v'.repeat(2000) })),
    });
    const json = asJson({ embeds: [fitted] });
    expect(discordViolations(json)).toEqual([]);
    expect(fitted.title?.endsWith('…')).toBe(true);
    expect(clip('abcdef', 4)).toBe('abc…');
  });
});

describe('button actions', () => {
  test('round-trip through custom_id and reject anything tampered with', () => {
    const actions: Action[] = [
      { type: 'topic', id: 'model/gpt-4v' },
      { type: 'thread', ids: ['model/bert', 'model/gpt'] },
      { type: 'pick' },
    ];
    for (const a of actions) {
      expect(decodeAction(encodeAction(a))).toEqual(a);
    }
    for (const bad of [
      '',
      'llm',
      'llm:t:',
      'llm:t:../../etc',
      'llm:t:Model/X',
      'llm:th:model/bert',
      'xx:t:model/bert',
      `llm:t:model/${'a'.repeat(120)}`,
    ]) {
      expect(decodeAction(bad), bad).toBeUndefined();
    }
  });

  test('a thread action drops entries that do not fit in 100 characters', () => {
    const ids = [
      'architecture/convolutional',
      'architecture/transformer',
      'architecture/recurrent',
      'architecture/hybrid',
    ];
    const action = threadAction(ids);
    expect(action && encodeAction(action).length).toBeLessThanOrEqual(100);
    expect(action?.type === 'thread' && action.ids.length).toBe(3);
  });
});

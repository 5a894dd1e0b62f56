import { expect } from 'vitest';
import type { Answer } from '../../src/core/answer.ts';
import { answerToCard } from '../../src/render/card.ts';
import { cardToDiscord, type DiscordRenderOptions, type DiscordReply } from '../../src/render/discord.ts';
import { cardToBlockKit, type SlackMessage, type SlackRenderOptions } from '../../src/render/slack.ts';
import { cardToText } from '../../src/render/text.ts';

const KINDS = ['topic', 'formulas', 'compare', 'list', 'help', 'tour', 'quiz', 'none', 'notice'];

/** Asserts the invariants every answer keeps, whatever the question. */
export function expectWellFormed(answer: Answer): void {
  expect(KINDS).toContain(answer.kind);
  switch (answer.kind) {
    case 'topic':
      expect(answer.entry.id).toMatch(/\S/);
      break;
    case 'formulas':
      expect(answer.formulas.length).toBeGreaterThan(0);
      break;
    case 'compare':
      expect(answer.entries.length).toBeGreaterThanOrEqual(2);
      for (const row of answer.rows) expect(row.values).toHaveLength(answer.entries.length);
      break;
    case 'list':
      expect(answer.criteria.length).toBeGreaterThanOrEqual(1);
      break;
    case 'help':
      expect(answer.examples.length).toBeGreaterThan(0);
      break;
    case 'none':
      expect(answer.suggestions.length).toBeLessThanOrEqual(3);
      break;
    case 'tour':
      expect(answer.page).toBeGreaterThanOrEqual(1);
      expect(answer.page).toBeLessThanOrEqual(answer.total);
      break;
    case 'quiz':
      expect(answer.question.options[answer.question.correct]).toBeDefined();
      break;
    case 'notice':
      expect(answer.reason).toMatch(/\S/);
      break;
  }
}

/** An answer as each platform receives it: through the card and the platform's converter. */
export function toDiscord(answer: Answer, options: DiscordRenderOptions = {}): DiscordReply {
  return cardToDiscord(answerToCard(answer), options);
}

export function toSlack(answer: Answer, options: SlackRenderOptions = {}): SlackMessage {
  return cardToBlockKit(answerToCard(answer), options);
}

export function toText(answer: Answer): string {
  return cardToText(answerToCard(answer));
}

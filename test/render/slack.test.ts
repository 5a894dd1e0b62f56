import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  SLACK_BOT_EVENTS,
  SLACK_MANIFEST_FILE,
  slackManifest,
  slackManifestText,
} from '../../commands/slack.ts';
import { parseSlashText } from '../../src/adapters/slack/handlers.ts';
import { ask } from '../../src/core/ask.ts';
import { escapeSlack } from '../../src/render/slack.ts';
import { toSlack as answerToSlack } from '../support/answers.ts';
import type { Json } from '../support/fake-slack.ts';
import { realKb } from '../support/kb.ts';
import { loadQuestions } from '../support/questions.ts';
import { slackViolations } from '../support/slack-limits.ts';

function asJson(x: unknown): Json {
  return JSON.parse(JSON.stringify(x)) as Json;
}

describe('the Slack renderer', () => {
  test('keeps every answer of the question set within Block Kit limits', async () => {
    const kb = await realKb();
    for (const c of loadQuestions())
      expect(slackViolations(asJson(answerToSlack(ask(kb, c.q)))), c.q).toEqual([]);
  });

  test('never produces blocks Slack would reject, and never lets user text ping, whatever the question', async () => {
    const kb = await realKb();
    const pings = fc.constantFrom(
      '<!channel>',
      '<!here>',
      '<!everyone>',
      '<@U0123ABC>',
      '<#C0123|general>',
      '<!subteam^S1>',
    );
    const question = fc
      .array(fc.oneof(pings, fc.string({ maxLength: 30, unit: 'grapheme' })), { maxLength: 80 })
      .map((p) => p.join(' '));
    fc.assert(
      fc.property(question, (q) => {
        const message = asJson(answerToSlack(ask(kb, q)));
        expect(slackViolations(message)).toEqual([]);
        expect(JSON.stringify(message)).not.toMatch(/<[!@#]/);
      }),
      { numRuns: 200 },
    );
  });

  test('escapes the three characters Slack treats as markup', () => {
    expect(escapeSlack('a & <!channel> > b')).toBe('a &amp; &lt;!channel&gt; &gt; b');
  });

  test('addresses an answer to one user only when asked', async () => {
    const kb = await realKb();
    const plain = answerToSlack(ask(kb, 'what is rlhf'));
    const addressed = answerToSlack(ask(kb, 'what is rlhf'), { mentionUserId: 'U0NEWBIE' });
    expect(addressed.blocks.slice(1)).toEqual(plain.blocks);
    expect(addressed.text.startsWith('<@U0NEWBIE> ')).toBe(true);
    expect(answerToSlack(ask(kb, 'what is rlhf'), { mentionUserId: '!channel' })).toEqual(plain);
  });
});

describe('/llm text', () => {
  test('reads "private", a trailing "for @user", and leaves other mentions in the question', () => {
    expect(parseSlashText('private what is rlhf')).toEqual({ question: 'what is rlhf', isPrivate: true });
    expect(parseSlashText('what is rlhf for <@U0BOB|bob>')).toEqual({
      question: 'what is rlhf',
      isPrivate: false,
      mentionUserId: 'U0BOB',
    });
    expect(parseSlashText('private: tour for <@U0BOB>')).toEqual({
      question: 'tour',
      isPrivate: true,
      mentionUserId: 'U0BOB',
    });
    expect(parseSlashText('is <@U0BOB|bob> right that rnns are slow')).toEqual({
      question: 'is <@U0BOB|bob> right that rnns are slow',
      isPrivate: false,
    });
    expect(parseSlashText('privately')).toEqual({ question: '', isPrivate: true });
  });
});

describe('the Slack manifest', () => {
  test('is derived from the command definition and checked in fresh (run npm run slack:manifest if this fails)', async () => {
    expect(await readFile(new URL(`../../${SLACK_MANIFEST_FILE}`, import.meta.url), 'utf8')).toBe(
      slackManifestText(),
    );
  });

  test('creates /llm, the Home tab, Socket Mode, interactivity and the events the bot listens to', () => {
    const m = slackManifest();
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(['/llm']);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(SLACK_BOT_EVENTS).toEqual(['app_mention', 'message.im', 'app_home_opened']);
  });
});

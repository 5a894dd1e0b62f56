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
import { type Answer, respond } from '../../src/core/respond.ts';
import { answerToCard, noticeText } from '../../src/render/card.ts';
import { cardToBlockKit, cardToHomeView, escapeSlack } from '../../src/render/slack.ts';
import { toSlack as answerToSlack } from '../support/answers.ts';
import type { Json } from '../support/fake-slack.ts';
import { realKb } from '../support/kb.ts';
import { loadQuestions } from '../support/questions.ts';
import { slackViolations } from '../support/slack-limits.ts';

function asJson(x: unknown): Json {
  return JSON.parse(JSON.stringify(x)) as Json;
}

/** Every mrkdwn text in a message or view: sections, fields, context, and the fallback text. */
function mrkdwnTexts(message: { text?: string; blocks: readonly unknown[] }): string[] {
  const texts: string[] = message.text === undefined ? [] : [message.text];
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) for (const item of x) visit(item);
    else if (typeof x === 'object' && x !== null) {
      const o = x as Json;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') texts.push(o.text);
      for (const v of Object.values(o)) visit(v);
    }
  };
  visit(message.blocks);
  return texts;
}

/** `<`, `>` or a bare `&` that Slack would read as markup rather than show. */
const RAW_MARKUP = /[<>]|&(?!amp;|lt;|gt;)/;

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
        expect(mrkdwnTexts(answerToSlack(ask(kb, q))).filter((t) => RAW_MARKUP.test(t))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  test('shows every "<", ">" and "&" as text in the help card, the Home tab, every entry, tour page and quiz', async () => {
    const kb = await realKb();
    const help = respond(kb, { type: 'help' });
    const home = cardToHomeView(answerToCard(help));
    expect(JSON.stringify(home.blocks)).toContain('`/llm &lt;question&gt;`');
    expect(JSON.stringify(home.blocks)).toContain('`/llm private &lt;question&gt;`');
    const answers: Answer[] = [
      help,
      ...[...kb.byId.keys()].map((id) => respond(kb, { type: 'action', action: { type: 'topic', id } })),
      ...Array.from({ length: 40 }, (_, i) => respond(kb, { type: 'tour', page: i + 1 })),
      ...Array.from({ length: 40 }, (_, seed) =>
        respond(kb, { type: 'action', action: { type: 'quiz-start' }, seed }),
      ),
    ];
    const texts = [
      ...mrkdwnTexts(home),
      ...answers.flatMap((a) => mrkdwnTexts(cardToBlockKit(answerToCard(a)))),
    ];
    // The causal mask's formula ("… if j > i") is one that used to go out raw, in a code block.
    expect(texts.some((t) => t.includes('j &gt; i'))).toBe(true);
    expect(texts.filter((t) => RAW_MARKUP.test(t))).toEqual([]);
  });

  test('never cuts an escaped character in half when text is clipped to a limit', () => {
    for (const pad of [2995, 2996, 2997, 2998]) {
      const message = cardToBlockKit(noticeText(`${'a'.repeat(pad)}&&&&&`));
      expect(mrkdwnTexts(message).filter((t) => RAW_MARKUP.test(t))).toEqual([]);
      expect(mrkdwnTexts(message).every((t) => t.length <= 3000)).toBe(true);
    }
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

  test('addresses someone only with "for" right before the trailing mention', () => {
    for (const text of [
      'what is rlhf <@U0123ABC>',
      'what is rlhf <@U0123ABC|bob>',
      'what is rlhf to <@U0123ABC>',
      'what is rlhf before <@U0123ABC>',
    ])
      expect(parseSlashText(text), text).toEqual({ question: text, isPrivate: false });
    expect(parseSlashText('for <@U0BOB>')).toEqual({
      question: '',
      isPrivate: false,
      mentionUserId: 'U0BOB',
    });
    expect(parseSlashText('what is rlhf FOR  <@U0BOB>  ')).toEqual({
      question: 'what is rlhf',
      isPrivate: false,
      mentionUserId: 'U0BOB',
    });
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

  test('asks for files:write, which uploading formula pictures needs', () => {
    expect(slackManifest().oauth_config.scopes.bot).toContain('files:write');
  });
});

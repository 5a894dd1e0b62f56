import { describe, expect, test } from 'vitest';
import { decodeAction } from '../../src/core/actions.ts';
import { quizQuestion } from '../../src/core/quiz.ts';
import { tourOf } from '../../src/core/tour.ts';
import { startTestDiscordBot, useTestDiscordBot } from '../support/discord-bot.ts';
import { callbackOf, interactions, type Json, messagePayload, NEWCOMER } from '../support/fake-discord.ts';
import { type ApiCall, type ResponseCall, SLACK } from '../support/fake-slack.ts';
import { realKb } from '../support/kb.ts';
import { startTestSlackBot, useTestSlackBot } from '../support/slack-bot.ts';

type Callback = { type: number; data: Json };

function ids(components: unknown): { id: string; label: string; disabled: boolean }[] {
  return ((components as Json[] | undefined) ?? []).flatMap((row) =>
    ((row.components as Json[]) ?? []).map((c) => ({
      id: String(c.custom_id ?? c.action_id),
      label: String(c.label ?? (c.text as Json | undefined)?.text),
      disabled: c.disabled === true,
    })),
  );
}

/** The custom_id of the right answer, worked out from the seed the button carries, as the bot does. */
async function rightAnswerId(buttons: { id: string }[]): Promise<string> {
  const kb = await realKb();
  for (const b of buttons) {
    const a = decodeAction(b.id);
    if (a?.type === 'quiz-answer' && quizQuestion(kb, a.seed, a.topic)?.correct === a.choice) return b.id;
  }
  throw new Error('no right answer among the buttons');
}

describe('onboarding on Discord', () => {
  const t = useTestDiscordBot();

  async function send(i: Json): Promise<Callback> {
    t.fake.sendInteraction(i);
    return (await callbackOf(t.fake, i)).json as Callback;
  }

  test('Next and Back page through the tour by updating the message', async () => {
    const kb = await realKb();
    const first = await send(interactions.slash({ question: 'tour' }));
    const embed = (first.data.embeds as Json[])[0];
    expect(embed?.title).toBe('6 ways to classify models');
    expect((embed?.author as Json | undefined)?.name).toBe(`Tour · page 1 of ${tourOf(kb).pages.length}`);
    const [back, next] = ids(first.data.components);
    expect(back?.disabled).toBe(true);
    const message = messagePayload({
      embeds: first.data.embeds as Json[],
      components: first.data.components as Json[],
    });
    const page2 = await send(interactions.button(String(next?.id), message));
    expect(page2.type).toBe(7);
    expect((page2.data.embeds as Json[])[0]?.title).toBe('The basics');
    const backTo1 = await send(interactions.button(String(ids(page2.data.components)[0]?.id), message));
    expect(backTo1.type).toBe(7);
    expect((backTo1.data.embeds as Json[])[0]?.title).toBe('6 ways to classify models');
  });

  test('a quiz answer shows the result, and Next gives a new question', async () => {
    const asked = await send(interactions.slash({ question: 'quiz me on architectures' }));
    const options = ids(asked.data.components);
    expect(options).toHaveLength(4);
    const message = messagePayload({
      embeds: asked.data.embeds as Json[],
      components: asked.data.components as Json[],
    });
    const graded = await send(interactions.button(await rightAnswerId(options), message));
    expect(graded.type).toBe(7);
    expect((graded.data.embeds as Json[])[0]?.title).toBe('✅ Right!');
    expect(String(((graded.data.embeds as Json[])[0]?.footer as Json | undefined)?.text)).toContain(
      'Streak: 1',
    );
    const next = ids(graded.data.components).find((b) => b.label.startsWith('Next question'));
    const fresh = await send(interactions.button(String(next?.id), message));
    expect(fresh.type).toBe(7);
    expect((fresh.data.embeds as Json[])[0]?.title).toBe('Your question');
    expect(ids(fresh.data.components).map((b) => b.id)).not.toEqual(options.map((b) => b.id));
  });

  test('the mention variant addresses the tour to the newcomer and pings only them', async () => {
    const cb = await send(interactions.slash({ question: 'tour', mention: NEWCOMER }));
    expect(cb.data.content).toBe(`<@${NEWCOMER.id}> here's an answer for you:`);
    expect(cb.data.allowed_mentions).toEqual({ parse: [], users: [NEWCOMER.id] });
  });

  test('a tampered or stale tour or quiz button says it has expired', async () => {
    for (const id of [
      'llm:tour:99:abcdef',
      'llm:tour:2:ffffff',
      'llm:qa:zz:-:0:1:ffffff',
      'llm:qa:1:-:0:x:abcdef',
    ]) {
      const cb = await send(interactions.button(id, messagePayload()));
      expect(cb.type).toBe(4);
      expect(Number(cb.data.flags) & 64).toBe(64);
      expect(String(cb.data.content)).toContain('This button has expired');
    }
  });
});

describe('onboarding on Slack', () => {
  const t = useTestSlackBot('http');

  let n = 0;
  async function slash(text: string): Promise<Json> {
    const responseId = `s${n++}`;
    await t.fake.deliver(t.url, { form: t.fake.slashCommand(text, { responseId }) });
    return (await t.fake.waitFor<ResponseCall>('response', (r) => r.id === responseId)).body;
  }
  async function click(actionId: string): Promise<Json> {
    const responseId = `c${n++}`;
    await t.fake.deliver(t.url, {
      form: { payload: JSON.stringify(t.fake.blockAction(actionId, { responseId })) },
    });
    return (await t.fake.waitFor<ResponseCall>('response', (r) => r.id === responseId)).body;
  }
  const actionIds = (body: Json) =>
    ((body.blocks as Json[]) ?? [])
      .filter((b) => b.type === 'actions')
      .flatMap((b) =>
        (b.elements as Json[]).map((e) => ({
          id: String(e.action_id),
          label: String((e.text as Json).text),
        })),
      );
  const headerOf = (body: Json) =>
    ((body.blocks as Json[]).find((b) => b.type === 'header')?.text as Json | undefined)?.text;

  test('Next and Back replace the tour message', async () => {
    const first = await slash('tour');
    expect(headerOf(first)).toBe('6 ways to classify models');
    const next = actionIds(first).find((a) => a.label === 'Next ▶');
    expect(actionIds(first).some((a) => a.label === '◀ Back')).toBe(false);
    const page2 = await click(String(next?.id));
    expect(page2.replace_original).toBe(true);
    expect(headerOf(page2)).toBe('The basics');
    const back = actionIds(page2).find((a) => a.label === '◀ Back');
    const page1 = await click(String(back?.id));
    expect(headerOf(page1)).toBe('6 ways to classify models');
  });

  test('a quiz answer shows the result, and Next gives a new question', async () => {
    const asked = await slash('quiz');
    const options = actionIds(asked);
    expect(options).toHaveLength(4);
    const graded = await click(await rightAnswerId(options));
    expect(graded.replace_original).toBe(true);
    expect(JSON.stringify(graded.blocks)).toContain('✅ Right!');
    const next = actionIds(graded).find((a) => a.label.startsWith('Next question'));
    const fresh = await click(String(next?.id));
    expect(actionIds(fresh)).toHaveLength(4);
  });

  test('the mention variant addresses the tour to the newcomer alone', async () => {
    const body = await slash(`tour for <@${SLACK.other}|bob>`);
    expect(String(body.text).startsWith(`<@${SLACK.other}>`)).toBe(true);
    expect(JSON.stringify(body.blocks).match(/<@U/g)).toHaveLength(1);
    expect(headerOf(body)).toBe('6 ways to classify models');
  });

  test('"Start the tour" on the Home tab sends the first page as a direct message', async () => {
    const kb = await realKb();
    const payload = t.fake.blockAction(`llm:tour:1:${tourOf(kb).version}`);
    const fromHome = {
      ...payload,
      container: { type: 'view', view_id: 'V0HOME' },
      view: { id: 'V0HOME', type: 'home' },
    };
    delete (fromHome as Json).response_url;
    await t.fake.deliver(t.url, { form: { payload: JSON.stringify(fromHome) } });
    const post = await t.fake.waitFor<ApiCall>(
      'api',
      (c) => c.method === 'chat.postMessage' && c.args.channel === SLACK.user,
    );
    expect(String(post.args.text)).toContain('Tour, page 1');
  });

  test('a tampered or stale button says it has expired', async () => {
    for (const id of ['llm:tour:99:abcdef', 'llm:qn:1:-:0:ffffff']) {
      const body = await click(id);
      expect(body.response_type).toBe('ephemeral');
      expect(String(body.text)).toContain('This button has expired');
    }
  });
});

describe('the optional welcome', () => {
  test('Discord: a new member is greeted in the welcome channel with the tour, pinging only them', async () => {
    const { IDS } = await import('../support/fake-discord.ts');
    const t = await startTestDiscordBot({ welcomeChannelId: IDS.channel });
    try {
      expect(t.client.options.intents.has('GuildMembers')).toBe(true);
      t.fake.dispatch('GUILD_MEMBER_ADD', {
        guild_id: IDS.guild,
        user: NEWCOMER,
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      });
      const post = await t.fake.waitForRequest(
        (r) => r.method === 'POST' && r.path === `/api/v10/channels/${IDS.channel}/messages`,
      );
      expect(post.json?.content).toBe(`<@${NEWCOMER.id}> here's an answer for you:`);
      expect(post.json?.allowed_mentions).toEqual({ parse: [], users: [NEWCOMER.id] });
      expect((((post.json?.embeds ?? []) as Json[])[0]?.author as Json | undefined)?.name).toMatch(
        /^Tour · page 1 of/,
      );
    } finally {
      await t.stop();
    }
  });

  test('Discord: without a welcome channel the bot asks for no privileged intent', async () => {
    const t = await startTestDiscordBot();
    try {
      expect(t.client.options.intents.has('GuildMembers')).toBe(false);
    } finally {
      await t.stop();
    }
  });

  test('Slack: someone who joins the workspace gets the tour in a direct message', async () => {
    const t = await startTestSlackBot('http', { welcome: true });
    try {
      await t.fake.deliver(t.url, {
        json: t.fake.eventEnvelope({
          type: 'team_join',
          user: { id: SLACK.other, name: 'bob', is_bot: false },
          event_ts: '1700000000.5',
        }),
      });
      const post = await t.fake.waitFor<ApiCall>('api', (c) => c.method === 'chat.postMessage');
      expect(post.args.channel).toBe(SLACK.other);
      expect(String(post.args.text).startsWith(`<@${SLACK.other}>`)).toBe(true);
    } finally {
      await t.stop();
    }
  });
});

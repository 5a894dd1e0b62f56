import { beforeEach, describe, expect, test } from 'vitest';
import { ask } from '../../src/core/ask.ts';
import { createMemoryDedupe } from '../../src/runtime/dedupe.ts';
import { toSlack } from '../support/answers.ts';
import { type ApiCall, type Json, type ResponseCall, SLACK } from '../support/fake-slack.ts';
import { realKb } from '../support/kb.ts';
import { startTestSlackBot, useTestSlackBot } from '../support/slack-bot.ts';
import { slackViolations } from '../support/slack-limits.ts';

const t = useTestSlackBot('http');

beforeEach(() => {
  t.fake.reset();
});

const settle = () => new Promise((r) => setTimeout(r, 250));

async function slash(text: string) {
  const responseId = `r-${Math.random().toString(36).slice(2)}`;
  const res = await t.fake.deliver(t.url, { form: t.fake.slashCommand(text, { responseId }) });
  const response = await t.fake.waitFor<ResponseCall>('response', (r) => r.id === responseId);
  return { res, body: response.body };
}

function blocksOf(body: Json): Json[] {
  return (body.blocks as Json[] | undefined) ?? [];
}

function allText(body: Json): string {
  return JSON.stringify(body.blocks);
}

describe('the Slack bot in HTTP mode against a local Slack', () => {
  test('a signed /llm is acked at once and its answer reaches the response_url with the exact blocks', async () => {
    const { res, body } = await slash('what is rlhf');
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const kb = await realKb();
    expect(body).toEqual({ ...toSlack(ask(kb, 'what is rlhf')), response_type: 'in_channel' });
    expect(blocksOf(body)[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Reinforcement Learning from Human Feedback (RLHF)', emoji: false },
    });
    expect(slackViolations(body)).toEqual([]);
  });

  test('/llm private … answers only the asker', async () => {
    const { body } = await slash('private what is bert');
    expect(body.response_type).toBe('ephemeral');
    expect(blocksOf(body)[0]).toMatchObject({ type: 'header', text: { text: 'BERT' } });
  });

  test('/llm … for @someone addresses the answer to that user alone', async () => {
    const { body } = await slash(`what is rlhf for <@${SLACK.other}|bob>`);
    expect(body.response_type).toBe('in_channel');
    expect(String(body.text).startsWith(`<@${SLACK.other}> `)).toBe(true);
    expect(blocksOf(body)[0]).toMatchObject({
      type: 'section',
      text: { text: `<@${SLACK.other}> here's an answer for you:` },
    });
    expect(blocksOf(body)[1]).toMatchObject({
      type: 'header',
      text: { text: 'Reinforcement Learning from Human Feedback (RLHF)' },
    });
    expect(allText(body).match(/<@U/g)).toHaveLength(1);
  });

  test('compares side by side in fields', async () => {
    const { body } = await slash('transformer vs rnn');
    const blocks = blocksOf(body);
    expect(blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Transformer-based vs Recurrent (LSTM/GRU)' },
    });
    const memory = blocks.find((b) => (b.text as Json | undefined)?.text === '*Memory*');
    expect(((memory?.fields ?? []) as Json[]).map((f) => f.text)).toEqual([
      '_Transformer-based_\nO(n²) attention memory',
      '_Recurrent (LSTM/GRU)_\nO(n) memory',
    ]);
  });

  test('a wrong signature and a stale timestamp get 401, and the handler never runs', async () => {
    const bad = await t.fake.deliver(t.url, {
      form: t.fake.slashCommand('what is rlhf'),
      signature: 'v0=deadbeef',
    });
    expect(bad.status).toBe(401);
    const stale = await t.fake.deliver(t.url, {
      form: t.fake.slashCommand('what is rlhf'),
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    expect(stale.status).toBe(401);
    const wrongSecret = await t.fake.deliver(t.url, {
      form: t.fake.slashCommand('what is rlhf'),
      secret: 'f'.repeat(32),
    });
    expect(wrongSecret.status).toBe(401);
    await settle();
    expect(t.fake.responses).toEqual([]);
    expect(t.fake.apiCalls).toEqual([]);
  });

  test('a trailing mention without "for" pings no one: the answer is for the channel, with no mention in it', async () => {
    const { body } = await slash('what is rlhf <@U0123ABC>');
    expect(body.response_type).toBe('in_channel');
    expect(blocksOf(body)[0]).toMatchObject({
      type: 'header',
      text: { text: 'Reinforcement Learning from Human Feedback (RLHF)' },
    });
    expect(JSON.stringify(body)).not.toMatch(/<@/);
    const offTopic = await slash('how do I bake bread <@U0123ABC|bob>');
    expect(blocksOf(offTopic.body)[0]).toMatchObject({ type: 'header' });
    expect(JSON.stringify(offTopic.body)).not.toMatch(/<@/);
  });

  test('a signed body of null (JSON or form payload) gets 400 at once, and the bot keeps answering', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const json = await t.fake.deliver(t.url, { json: null, timeoutMs: 2000 });
      expect(json.status).toBe(400);
      const form = await t.fake.deliver(t.url, { form: { payload: 'null' }, timeoutMs: 2000 });
      expect(form.status).toBe(400);
      const unsigned = await t.fake.deliver(t.url, { json: null, signature: 'v0=deadbeef', timeoutMs: 2000 });
      expect(unsigned.status).toBe(401);
      await settle();
      expect(rejections).toEqual([]);
      expect(t.fake.responses).toEqual([]);
      expect(t.fake.apiCalls).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    const { res } = await slash('what is bert');
    expect(res.status).toBe(200);
  });

  test('a timestamp more than 5 minutes in the future gets 401, as a stale one does; within 5 minutes is fine', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now + 600, now + 310]) {
      const res = await t.fake.deliver(t.url, { form: t.fake.slashCommand('what is rlhf'), timestamp });
      expect(res.status, `timestamp now+${timestamp - now}s`).toBe(401);
    }
    await settle();
    expect(t.fake.responses).toEqual([]);
    for (const [offset, responseId] of [
      [240, 'future-ok'],
      [-240, 'past-ok'],
    ] as const) {
      const res = await t.fake.deliver(t.url, {
        form: t.fake.slashCommand('what is rlhf', { responseId }),
        timestamp: now + offset,
      });
      expect(res.status).toBe(200);
      await t.fake.waitFor<ResponseCall>('response', (r) => r.id === responseId);
    }
  });

  test('the same signed slash command and button click sent twice are answered once, the replay logged once', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const command = t.fake.slashCommand('what is rlhf', { responseId: 'replay-cmd' });
    const click = {
      payload: JSON.stringify(
        t.fake.blockAction('llm:t:concept/self-attention', { responseId: 'replay-btn' }),
      ),
    };
    const logsBefore = t.logs.length;
    for (const form of [command, click]) {
      const first = await t.fake.deliver(t.url, { form, timestamp });
      const replay = await t.fake.deliver(t.url, { form, timestamp });
      expect([first.status, replay.status]).toEqual([200, 200]);
      expect(replay.text).toBe('');
    }
    await settle();
    expect(t.fake.responses.map((r) => r.id).sort()).toEqual(['replay-btn', 'replay-cmd']);
    const replays = t.logs.slice(logsBefore).filter((l) => l.msg === 'dropped a replayed slack delivery');
    expect(replays.map((l) => [l.level, l.kind])).toEqual([
      [30, 'slash_command'],
      [30, 'block_actions'],
    ]);
    const logged = JSON.stringify(t.logs.slice(logsBefore));
    expect(logged).not.toContain(SLACK.signingSecret);
    expect(logged).not.toMatch(/v0=[0-9a-f]{64}/);
  });

  test('the de-duplication store is the one given: two bots sharing it answer a replay once between them', async () => {
    const shared = createMemoryDedupe(100);
    const a = await startTestSlackBot('http', { dedupe: shared });
    const b = await startTestSlackBot('http', { dedupe: shared });
    try {
      const form = a.fake.slashCommand('what is bert', { responseId: 'shared-1' });
      const timestamp = Math.floor(Date.now() / 1000);
      expect((await a.fake.deliver(a.url, { form, timestamp })).status).toBe(200);
      expect((await a.fake.deliver(b.url, { form, timestamp })).status).toBe(200);
      await a.fake.waitFor<ResponseCall>('response', (r) => r.id === 'shared-1');
      await settle();
      expect(a.fake.responses.filter((r) => r.id === 'shared-1')).toHaveLength(1);
      expect(b.logs.filter((l) => l.msg === 'dropped a replayed slack delivery')).toHaveLength(1);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  test('an app_mention in a thread is answered in that thread', async () => {
    const event = t.fake.appMention('cnn vs rnn', { threadTs: '1700000000.000001' });
    const res = await t.fake.deliver(t.url, { json: t.fake.eventEnvelope(event) });
    expect(res.status).toBe(200);
    const post = await t.fake.waitFor<ApiCall>('api', (c: ApiCall) => c.method === 'chat.postMessage');
    expect(post.args).toMatchObject({ channel: SLACK.channel, thread_ts: '1700000000.000001' });
    expect(blocksOf(post.args)[0]).toMatchObject({
      type: 'header',
      text: { text: 'Convolutional vs Recurrent (LSTM/GRU)' },
    });
    expect(post.headers.authorization).toBe(`Bearer ${SLACK.botToken}`);
  });

  test('an app_mention in a channel starts a thread on it', async () => {
    const event = t.fake.appMention('what is bert', { ts: '1700000123.000200' });
    await t.fake.deliver(t.url, { json: t.fake.eventEnvelope(event) });
    const post = await t.fake.waitFor<ApiCall>('api', (c: ApiCall) => c.method === 'chat.postMessage');
    expect(post.args.thread_ts).toBe('1700000123.000200');
  });

  test('a direct message is answered in the DM', async () => {
    await t.fake.deliver(t.url, {
      json: t.fake.eventEnvelope(t.fake.directMessage('which models are multimodal')),
    });
    const post = await t.fake.waitFor<ApiCall>('api', (c: ApiCall) => c.method === 'chat.postMessage');
    expect(post.args.channel).toBe(SLACK.dm);
    expect(post.args.thread_ts).toBeUndefined();
    expect(String(post.args.text)).toContain('Multimodal');
  });

  test('never answers itself or other bots', async () => {
    await t.fake.deliver(t.url, {
      json: t.fake.eventEnvelope(t.fake.directMessage('what is rlhf', { botId: 'B0OTHER' })),
    });
    await t.fake.deliver(t.url, {
      json: t.fake.eventEnvelope(t.fake.appMention('what is rlhf', { botId: 'B0OTHER' })),
    });
    await t.fake.deliver(t.url, {
      json: t.fake.eventEnvelope(t.fake.appMention('what is rlhf', { user: SLACK.botUserId })),
    });
    await settle();
    expect(t.fake.callsTo('chat.postMessage')).toEqual([]);
  });

  test('the same event delivered three times is answered once', async () => {
    const envelope = t.fake.eventEnvelope(t.fake.appMention('what is rlhf'), 'EvSAME123');
    for (const retry of [undefined, '1', '2']) {
      const headers: Record<string, string> = retry
        ? { 'x-slack-retry-num': retry, 'x-slack-retry-reason': 'http_timeout' }
        : {};
      const res = await t.fake.deliver(t.url, { json: envelope, headers });
      expect(res.status).toBe(200);
    }
    await settle();
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  test('a related-topic button answers the clicker privately', async () => {
    const responseId = 'btn-1';
    const res = await t.fake.deliver(t.url, {
      form: {
        payload: JSON.stringify(
          t.fake.blockAction('llm:t:concept/self-attention', { value: 'concept/self-attention', responseId }),
        ),
      },
    });
    expect(res.status).toBe(200);
    const reply = await t.fake.waitFor<ResponseCall>('response', (r: ResponseCall) => r.id === responseId);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(blocksOf(reply.body)[0]).toMatchObject({ type: 'header', text: { text: 'Self-attention' } });
  });

  test('the pick menu answers about the chosen entry; a stale button says it expired', async () => {
    await t.fake.deliver(t.url, {
      form: {
        payload: JSON.stringify(
          t.fake.blockAction('llm:pick', { selected: 'model/whisper', responseId: 'pick-1' }),
        ),
      },
    });
    const picked = await t.fake.waitFor<ResponseCall>('response', (r: ResponseCall) => r.id === 'pick-1');
    expect(blocksOf(picked.body)[0]).toMatchObject({ type: 'header', text: { text: 'Whisper' } });
    await t.fake.deliver(t.url, {
      form: { payload: JSON.stringify(t.fake.blockAction('llm:t:model/gone', { responseId: 'stale-1' })) },
    });
    const stale = await t.fake.waitFor<ResponseCall>('response', (r: ResponseCall) => r.id === 'stale-1');
    expect(String(stale.body.text)).toContain('This button has expired');
  });

  test('a 5,000-character question full of <!channel>, <@U123> and markdown is escaped and within limits', async () => {
    const noise =
      '<!channel> <!here> <@U0123ABC> *bold* _it_ ~s~ `code` ```block``` > quote & <https://evil.example|click> ';
    const { body } = await slash(`what is rlhf ${noise.repeat(60)}`.slice(0, 5000));
    expect(slackViolations(body)).toEqual([]);
    const off = await slash(`${noise.repeat(60)}`.slice(0, 5000));
    expect(slackViolations(off.body)).toEqual([]);
    const text = allText(off.body) + String(off.body.text);
    expect(text).not.toMatch(/<!channel>|<!here>|<@U0123ABC>|<https:/);
    expect(text).toContain('&lt;https://evil.example|click&gt;');
  });

  test('app_home_opened publishes the Home tab', async () => {
    await t.fake.deliver(t.url, {
      json: t.fake.eventEnvelope({
        type: 'app_home_opened',
        user: SLACK.user,
        channel: 'D0HOME',
        tab: 'home',
        event_ts: '1700000000.1',
      }),
    });
    const publish = await t.fake.waitFor<ApiCall>('api', (c: ApiCall) => c.method === 'views.publish');
    expect(publish.args.user_id).toBe(SLACK.user);
    const view = publish.args.view as Json;
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    for (const d of [
      'By architecture',
      'By training approach',
      'By scale/size',
      'By modality',
      'By capability/purpose',
      'By training data',
    ])
      expect(text).toContain(d);
    expect(text).toContain('/llm transformer vs rnn');
    expect(slackViolations({ blocks: view.blocks })).toEqual([]);
  });

  test('a failure is answered privately with a reference id that the logs carry', async () => {
    const broken = await startTestSlackBot('http', {
      kb: () => {
        throw new Error('knowledge base exploded');
      },
    });
    try {
      const responseId = 'fail-1';
      await broken.fake.deliver(broken.url, {
        form: broken.fake.slashCommand('what is rlhf', { responseId }),
      });
      const reply = await broken.fake.waitFor<ResponseCall>(
        'response',
        (r: ResponseCall) => r.id === responseId,
      );
      expect(reply.body.response_type).toBe('ephemeral');
      const reference = /Reference: ([0-9a-f]{8})/.exec(String(reply.body.text))?.[1];
      expect(reference).toBeDefined();
      const logged = broken.logs.find((l) => l.reference === reference);
      expect(String((logged?.err as Json | undefined)?.message)).toBe('knowledge base exploded');
    } finally {
      await broken.stop();
    }
  });
});

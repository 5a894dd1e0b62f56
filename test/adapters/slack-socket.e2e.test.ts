import { describe, expect, test } from 'vitest';
import { type ApiCall, type Json, type ResponseCall, SLACK, type SocketAck } from '../support/fake-slack.ts';
import { useTestSlackBot } from '../support/slack-bot.ts';

const t = useTestSlackBot('socket');

describe('the Slack bot in Socket Mode against a local Slack', () => {
  test('connects over the stand-in WebSocket after apps.connections.open', () => {
    expect(t.fake.callsTo('apps.connections.open')).toHaveLength(1);
    expect(t.fake.callsTo('apps.connections.open')[0]?.headers.authorization).toBe(
      `Bearer ${SLACK.appToken}`,
    );
    expect(t.fake.socketCount()).toBe(1);
    expect(t.bot.ready()).toBe(true);
  });

  test('a slash command is acked over the socket and answered at its response_url', async () => {
    const envelopeId = t.fake.sendEnvelope(
      'slash_commands',
      t.fake.slashCommand('what is rlhf', { responseId: 'sock-1' }),
    );
    const ack = await t.fake.waitFor<SocketAck>('socket_ack', (a) => a.envelope_id === envelopeId);
    expect(ack.envelope_id).toBe(envelopeId);
    const reply = await t.fake.waitFor<ResponseCall>('response', (r) => r.id === 'sock-1');
    expect(reply.body.response_type).toBe('in_channel');
    expect(((reply.body.blocks as Json[])[0]?.text as Json | undefined)?.text).toBe(
      'Reinforcement Learning from Human Feedback (RLHF)',
    );
  });

  test('a mention is acked and answered in its thread', async () => {
    const envelope = t.fake.eventEnvelope(
      t.fake.appMention('transformer vs rnn', { threadTs: '1700000000.000009' }),
    );
    const envelopeId = t.fake.sendEnvelope('events_api', envelope);
    await t.fake.waitFor<SocketAck>('socket_ack', (a) => a.envelope_id === envelopeId);
    const post = await t.fake.waitFor<ApiCall>('api', (c) => c.method === 'chat.postMessage');
    expect(post.args.thread_ts).toBe('1700000000.000009');
    expect(String(post.args.text)).toBe('Transformer-based vs Recurrent (LSTM/GRU)');
  });

  test('an envelope sent again, or its payload under a new envelope id, is acked each time but answered once', async () => {
    const payload = t.fake.slashCommand('what is bert', { responseId: 'sock-replay' });
    const first = t.fake.sendEnvelope('slash_commands', payload);
    await t.fake.waitFor<ResponseCall>('response', (r) => r.id === 'sock-replay');
    t.fake.sendEnvelope('slash_commands', payload, first);
    const resent = t.fake.sendEnvelope('slash_commands', payload);
    for (const id of [first, resent])
      await t.fake.waitFor<SocketAck>('socket_ack', (a) => a.envelope_id === id);
    expect(t.fake.socketAcks.filter((a) => a.envelope_id === first)).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 250));
    expect(t.fake.responses.filter((r) => r.id === 'sock-replay')).toHaveLength(1);
    expect(t.logs.filter((l) => l.msg === 'dropped a replayed slack delivery')).toHaveLength(2);
  });

  test('stops cleanly: the socket closes and nothing keeps running', async () => {
    await t.bot.stop();
    expect(t.bot.ready()).toBe(false);
    const start = Date.now();
    while (t.fake.socketCount() > 0 && Date.now() - start < 2000) await new Promise((r) => setTimeout(r, 20));
    expect(t.fake.socketCount()).toBe(0);
  });
});

import { beforeEach, describe, expect, test } from 'vitest';
import { startTestDiscordBot, useTestDiscordBot } from '../support/discord-bot.ts';
import { discordViolations } from '../support/discord-limits.ts';
import {
  BOT_USER,
  callbackOf,
  HUMAN,
  IDS,
  interactions,
  type Json,
  messagePayload,
  NEWCOMER,
  snowflake,
} from '../support/fake-discord.ts';

const t = useTestDiscordBot();

beforeEach(() => {
  t.fake.cfg.override = undefined;
});

type Callback = { type: number; data: Json };

async function slash(question: string, extra: { private?: boolean; mention?: Json } = {}): Promise<Callback> {
  const interaction = interactions.slash({ question, ...extra });
  t.fake.sendInteraction(interaction);
  const r = await callbackOf(t.fake, interaction);
  return r.json as Callback;
}

function embed(cb: Callback, i = 0): Json {
  const embeds = cb.data.embeds as Json[];
  const e = embeds[i];
  if (!e) throw new Error('no embed');
  return e;
}

function buttons(cb: Callback): Json[] {
  return ((cb.data.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
}

function fieldNames(e: Json): string[] {
  return ((e.fields as Json[] | undefined) ?? []).map((f) => String(f.name));
}

describe('the Discord bot against a local Discord', () => {
  test('logs in and reaches ready as the bot user', () => {
    expect(t.client.isReady()).toBe(true);
    expect(t.client.user?.id).toBe(BOT_USER.id);
    expect(t.client.guilds.cache.has(IDS.guild)).toBe(true);
  });

  test('/llm answers a topic in the channel with pros, cons, analogy and related buttons, pinging no one', async () => {
    const cb = await slash('what is rlhf');
    expect(cb.type).toBe(4);
    expect(cb.data.flags ?? 0).toBe(0);
    expect(cb.data.allowed_mentions).toEqual({ parse: [] });
    const e = embed(cb);
    expect(e.title).toBe('Reinforcement Learning from Human Feedback (RLHF)');
    expect(fieldNames(e)).toEqual(expect.arrayContaining(['Pros', 'Cons', "In layman's terms"]));
    expect(String((e.footer as Json).text)).toContain('June 2025');
    // The first five related entries, cheat sheet and glossary alike.
    expect(buttons(cb).map((b) => b.custom_id)).toEqual([
      'llm:t:purpose/conversational',
      'llm:t:model/chatgpt',
      'llm:t:concept/reward-model',
      'llm:t:concept/ppo',
      'llm:t:concept/fine-tuning',
    ]);
    expect(discordViolations(cb.data)).toEqual([]);
  });

  test('/llm shows formulas in a code block', async () => {
    const e = embed(await slash('formula for self attention'));
    const formulas = ((e.fields as Json[]) ?? []).find((f) => f.name === 'Formulas');
    expect(String(formulas?.value)).toMatch(
      /^```\nSelf-attention: Attention\(Q,K,V\) = softmax\(QKᵀ\/√dₖ\)V\n```$/,
    );
  });

  test('/llm compares side by side with a "Discuss in a thread" button', async () => {
    const cb = await slash('transformer vs rnn');
    const e = embed(cb);
    expect(e.title).toBe('Transformer-based vs Recurrent (LSTM/GRU)');
    const fields = e.fields as Json[];
    expect(fields.slice(0, 2).map((f) => [f.name, f.inline])).toEqual([
      ['Transformer-based', true],
      ['Recurrent (LSTM/GRU)', true],
    ]);
    expect(fieldNames(e)).toEqual(expect.arrayContaining(['Memory', 'Key difference', 'Pros', 'Cons']));
    expect(buttons(cb)).toEqual([
      expect.objectContaining({
        label: 'Discuss in a thread',
        custom_id: 'llm:th:architecture/transformer,architecture/recurrent',
      }),
    ]);
    expect(discordViolations(cb.data)).toEqual([]);
  });

  test('/llm lists members grouped and counted, with a menu to learn more', async () => {
    const cb = await slash('what are the types of architectures');
    const e = embed(cb);
    expect(e.title).toBe('By architecture');
    expect(fieldNames(e).slice(0, 4)).toEqual([
      'Transformer-based (0)',
      'Recurrent (LSTM/GRU) (0)',
      'Convolutional (0)',
      'Hybrid (0)',
    ]);
    const multimodal = await slash('which models are multimodal');
    expect((embed(multimodal).fields as Json[])[0]).toMatchObject({
      name: '4 examples (as of June 2025)',
      value: '• GPT-4V\n• DALL-E\n• Flamingo\n• Claude 3',
    });
    const [menu] = buttons(multimodal);
    expect(menu).toMatchObject({ type: 3, custom_id: 'llm:pick' });
    expect(((menu?.options ?? []) as Json[]).map((o) => o.value)).toEqual([
      'model/gpt-4v',
      'model/dall-e',
      'model/flamingo',
      'model/claude-3',
    ]);
  });

  test('/llm answers an off-topic question kindly, and help with usage', async () => {
    const none = await slash("what's the weather in Paris");
    expect(embed(none).title).toBe("I don't know that one");
    expect(String(embed(none).description)).toContain('I only know about the taxonomy of LLMs');
    const close = await slash('I need a vision for my garden redesign');
    expect(buttons(close).map((b) => b.custom_id)).toEqual(['llm:t:modality/vision']);
    const help = await slash('help');
    expect(embed(help).title).toBe('LLM taxonomy bot');
    const tryField = (embed(help).fields as Json[]).find((f) => f.name === 'Try');
    expect(String(tryField?.value)).toContain('/llm transformer vs rnn');
  });

  test('private: true answers ephemerally', async () => {
    const cb = await slash('what is bert', { private: true });
    expect(Number(cb.data.flags) & 64).toBe(64);
    expect(embed(cb).title).toBe('BERT');
  });

  test('mention: addresses the answer to that user and pings only them', async () => {
    const cb = await slash('what is bert', { mention: NEWCOMER });
    expect(cb.data.content).toBe(`<@${NEWCOMER.id}> here's an answer for you:`);
    expect(cb.data.allowed_mentions).toEqual({ parse: [], users: [NEWCOMER.id] });
  });

  test('autocomplete offers starters for an empty box and finds typos', async () => {
    const empty = interactions.autocomplete('');
    t.fake.sendInteraction(empty);
    const starters = (await callbackOf(t.fake, empty)).json as Callback;
    expect(starters.type).toBe(8);
    const names = (starters.data.choices as Json[]).map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining(['what is RLHF', 'transformer vs rnn', 'which models are multimodal']),
    );

    const typo = interactions.autocomplete('what is rhlf');
    t.fake.sendInteraction(typo);
    const first = ((await callbackOf(t.fake, typo)).json as Callback).data.choices as Json[];
    expect(first[0]).toEqual({
      name: 'what is rhlf → Reinforcement Learning from Human Feedback (RLHF)',
      value: 'what is rhlf',
    });
  });

  test('autocomplete keeps to 25 distinct choices of 1 to 100 characters, whole values even for long input', async () => {
    const long = `${'compare transformer with '.repeat(8)}bert`;
    for (const value of ['a', 'model', long]) {
      const i = interactions.autocomplete(value);
      t.fake.sendInteraction(i);
      const choices = ((await callbackOf(t.fake, i)).json as Callback).data.choices as Json[];
      expect(choices.length).toBeGreaterThan(0);
      expect(choices.length).toBeLessThanOrEqual(25);
      const names = choices.map((c) => String(c.name));
      expect(new Set(names).size).toBe(names.length);
      for (const c of choices) {
        expect(String(c.name).length).toBeGreaterThanOrEqual(1);
        expect(String(c.name).length).toBeLessThanOrEqual(100);
        expect(String(c.value).length).toBeLessThanOrEqual(100);
        expect(String(c.value)).not.toMatch(/…$/);
      }
    }
    const i = interactions.autocomplete(long);
    t.fake.sendInteraction(i);
    const choices = ((await callbackOf(t.fake, i)).json as Callback).data.choices as Json[];
    expect(choices.length).toBeGreaterThan(1);
    // The suggestion survives whole at the end of each name; only the typed part is shortened.
    expect(String(choices[0]?.name)).toMatch(/^….*→ compare .*BERT/);
    expect(choices.some((c) => /\bBERT\b/.test(String(c.value)))).toBe(true);
  });

  test('a related-topic button and the pick menu answer the clicker privately', async () => {
    const message = messagePayload({ content: '' });
    const click = interactions.button('llm:t:concept/self-attention', message);
    t.fake.sendInteraction(click);
    const cb = (await callbackOf(t.fake, click)).json as Callback;
    expect(cb.type).toBe(4);
    expect(Number(cb.data.flags) & 64).toBe(64);
    expect(embed(cb).title).toBe('Self-attention');

    const pick = interactions.select('llm:pick', ['model/flamingo'], message);
    t.fake.sendInteraction(pick);
    const picked = (await callbackOf(t.fake, pick)).json as Callback;
    expect(Number(picked.data.flags) & 64).toBe(64);
    expect(embed(picked).title).toBe('Flamingo');
  });

  test('a tampered or stale button gets a friendly "expired" note', async () => {
    for (const id of ['llm:t:model/does-not-exist', 'not-ours', 'llm:th:model/bert']) {
      const click = interactions.button(id, messagePayload());
      t.fake.sendInteraction(click);
      const cb = (await callbackOf(t.fake, click)).json as Callback;
      expect(Number(cb.data.flags) & 64).toBe(64);
      expect(String(cb.data.content)).toContain('This button has expired');
    }
  });

  test('"Explain with /llm" answers about the message text, privately', async () => {
    const target = messagePayload({
      author: HUMAN,
      content: 'is an LSTM better than a transformer for long text?',
    });
    const i = interactions.messageCommand(target);
    t.fake.sendInteraction(i);
    const cb = (await callbackOf(t.fake, i)).json as Callback;
    expect(Number(cb.data.flags) & 64).toBe(64);
    expect(embed(cb).title).toBe('Recurrent (LSTM/GRU) vs Transformer-based');
  });

  test('the thread flow: button → thread with the full comparison → a mention in the thread is answered there', async () => {
    const reply = messagePayload({ author: BOT_USER, content: '' });
    const click = interactions.button('llm:th:architecture/transformer,architecture/recurrent', reply);
    t.fake.sendInteraction(click);
    const deferred = (await callbackOf(t.fake, click)).json as Callback;
    expect(deferred.type).toBe(5);
    expect(Number(deferred.data.flags) & 64).toBe(64);
    const created = await t.fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.path === `/api/v10/channels/${IDS.channel}/messages/${String(reply.id)}/threads`,
    );
    expect(created.json?.name).toBe('Compare: Transformer-based vs Recurrent (LSTM/GRU)');
    const threadId = String(reply.id);
    const posted = await t.fake.waitForRequest(
      (r) => r.method === 'POST' && r.path === `/api/v10/channels/${threadId}/messages`,
    );
    expect(discordViolations(posted.json ?? {})).toEqual([]);
    const edited = await t.fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/${String(click.token)}/messages/@original`),
    );
    expect(String(edited.json?.content)).toContain(`<#${threadId}>`);

    const follow = messagePayload({
      channelId: threadId,
      author: HUMAN,
      content: `<@${BOT_USER.id}> and what about a cnn vs rnn?`,
      mentions: [BOT_USER],
    });
    t.fake.dispatch('MESSAGE_CREATE', follow);
    const answer = await t.fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.path === `/api/v10/channels/${threadId}/messages` &&
        (r.json?.message_reference as Json | undefined)?.message_id === follow.id,
    );
    expect(((answer.json?.embeds ?? []) as Json[])[0]?.title).toBe('Convolutional vs Recurrent (LSTM/GRU)');
    expect(answer.json?.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  test('ignores messages from bots, itself included, and messages that do not mention it', async () => {
    const before = t.fake.requests.length;
    t.fake.dispatch(
      'MESSAGE_CREATE',
      messagePayload({ author: BOT_USER, content: `<@${BOT_USER.id}> what is rlhf`, mentions: [BOT_USER] }),
    );
    const otherBot = { ...NEWCOMER, id: snowflake(), bot: true };
    t.fake.dispatch(
      'MESSAGE_CREATE',
      messagePayload({ author: otherBot, content: `<@${BOT_USER.id}> what is rlhf`, mentions: [BOT_USER] }),
    );
    t.fake.dispatch('MESSAGE_CREATE', messagePayload({ author: HUMAN, content: 'what is rlhf' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(t.fake.requests.slice(before)).toEqual([]);
  });

  test('a callback first answered with 500 is retried and the user gets exactly one reply', async () => {
    const interaction = interactions.slash({ question: 'what is bert' });
    let failures = 0;
    t.fake.cfg.override = (r) => {
      if (r.path.includes(String(interaction.token)) && failures === 0) {
        failures++;
        return { status: 500, body: { message: 'boom', code: 0 } };
      }
      return undefined;
    };
    t.fake.sendInteraction(interaction);
    await callbackOf(t.fake, interaction);
    await new Promise((r) => setTimeout(r, 300));
    const calls = t.fake.requests.filter((r) => r.path.includes(String(interaction.token)));
    expect(calls.map((c) => c.status)).toEqual([500, 204]);
  });

  test('a first response rate limited for less than the 3-second window is sent once the limit lifts', async () => {
    const interaction = interactions.slash({ question: 'what is bert' });
    const token = String(interaction.token);
    let limited = 0;
    t.fake.cfg.override = (r) => {
      if (!r.path.includes(token) || limited > 0) return undefined;
      limited++;
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.4, global: false },
        headers: { 'retry-after': '0.4', 'x-ratelimit-scope': 'user' },
      };
    };
    t.fake.sendInteraction(interaction);
    await callbackOf(t.fake, interaction);
    await new Promise((r) => setTimeout(r, 200));
    const calls = t.fake.requests.filter((r) => r.path.includes(token));
    expect(calls.map((c) => c.status)).toEqual([429, 204]);
  });

  test('a first response rate limited past the window is logged once, with a reference, and not retried', async () => {
    const interaction = interactions.slash({ question: 'what is bert' });
    const token = String(interaction.token);
    t.fake.cfg.override = (r) =>
      r.path.includes(token)
        ? {
            status: 429,
            body: { message: 'You are being rate limited.', retry_after: 30, global: false },
            headers: { 'retry-after': '30', 'x-ratelimit-scope': 'user' },
          }
        : undefined;
    const before = t.logs.length;
    t.fake.sendInteraction(interaction);
    await t.fake.waitForRequest((r) => r.path.includes(token));
    await new Promise((r) => setTimeout(r, 500));
    expect(t.fake.requests.filter((r) => r.path.includes(token))).toHaveLength(1);
    const written = t.logs.slice(before);
    const limited = written.filter((l) => String(l.msg).includes('rate limited'));
    expect(limited).toHaveLength(1);
    expect(String(limited[0]?.reference)).toMatch(/^[0-9a-f]{8}$/);
    expect(written.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  test('a reply Discord refuses is logged with its route but never with the interaction token', async () => {
    const interaction = interactions.slash({ question: 'what is bert' });
    const token = String(interaction.token);
    t.fake.cfg.override = (r) =>
      r.path.includes(token)
        ? { status: 404, body: { message: 'Unknown interaction', code: 10062 } }
        : undefined;
    const before = t.rawLogs.length;
    t.fake.sendInteraction(interaction);
    await t.fake.waitForRequest((r) => r.path.includes(token));
    await new Promise((r) => setTimeout(r, 300));
    const written = t.rawLogs.slice(before).join('');
    expect(written).toContain('Unknown interaction');
    expect(written).toContain(`/interactions/${String(interaction.id)}/[redacted]/callback`);
    expect(written).not.toContain(token);
  });

  test('a 6,000-character question full of markdown and pings is answered within limits and pings no one', async () => {
    const noise = `**bold** __under__ \`code\` @everyone @here <@&${IDS.role}> <@${HUMAN.id}> ||spoiler|| > quote `;
    const question = `what is rlhf ${noise.repeat(80)}`.slice(0, 6000);
    const cb = await slash(question);
    expect(discordViolations(cb.data)).toEqual([]);
    expect(cb.data.allowed_mentions).toEqual({ parse: [] });
    expect(cb.data.content ?? '').not.toMatch(/@everyone|<@&/);
  });
});

describe('when answering fails', () => {
  test('the user gets a private note with a reference id, and the log has the full error under it', async () => {
    const broken = await startTestDiscordBot({
      kb: () => {
        throw new Error('knowledge base exploded');
      },
    });
    try {
      const i = interactions.slash({ question: 'what is rlhf' });
      broken.fake.sendInteraction(i);
      const cb = (await callbackOf(broken.fake, i)).json as Callback;
      expect(Number(cb.data.flags) & 64).toBe(64);
      const text = String(cb.data.content);
      expect(text).toContain('Sorry, something went wrong');
      const reference = /Reference: ([0-9a-f]{8})/.exec(text)?.[1];
      expect(reference).toBeDefined();
      const logged = broken.logs.find((l) => l.reference === reference);
      expect(String((logged?.err as Json | undefined)?.message)).toBe('knowledge base exploded');
      expect(broken.client.isReady()).toBe(true);
    } finally {
      await broken.stop();
    }
  });
});

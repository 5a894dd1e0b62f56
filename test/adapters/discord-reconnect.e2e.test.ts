import { describe, expect, test } from 'vitest';
import { useTestDiscordBot } from '../support/discord-bot.ts';
import { callbackOf, interactions, type Json } from '../support/fake-discord.ts';

// Each recovery costs about half a second, so these live apart from the main suite.
const t = useTestDiscordBot();

async function waitUntil(check: () => boolean, what: string, timeout = 8_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function answered(question: string): Promise<Json> {
  const i = interactions.slash({ question });
  t.fake.sendInteraction(i);
  const cb = await callbackOf(t.fake, i, 8_000);
  return cb.json ?? {};
}

describe('the Discord bot after the gateway goes away', () => {
  test('resumes after a close with code 4000 and still answers', async () => {
    const connections = t.fake.gw.connections;
    t.fake.disconnect(4000);
    await waitUntil(() => t.fake.gw.connections > connections && t.bot.ready(), 'a new gateway connection');
    const cb = await answered('what is rlhf');
    expect(((cb.data as Json).embeds as Json[])[0]?.title).toBe(
      'Reinforcement Learning from Human Feedback (RLHF)',
    );
  });

  test('reconnects after the TCP connection is dropped and still answers', async () => {
    const connections = t.fake.gw.connections;
    t.fake.disconnect('drop');
    await waitUntil(() => t.fake.gw.connections > connections && t.bot.ready(), 'a new gateway connection');
    const cb = await answered('transformer vs rnn');
    expect(((cb.data as Json).embeds as Json[])[0]?.title).toBe('Transformer-based vs Recurrent (LSTM/GRU)');
    expect(t.fake.gw.resumes + t.fake.gw.identifies).toBeGreaterThanOrEqual(3);
  });
});

import { beforeAll, describe, expect, test } from 'vitest';
import { tourOf } from '../../src/core/tour.ts';
import { createFormulaImages } from '../../src/render/formula-images.ts';
import { useTestDiscordBot } from '../support/discord-bot.ts';
import { discordViolations } from '../support/discord-limits.ts';
import {
  BOT_USER,
  callbackOf,
  HUMAN,
  interactions,
  type Json,
  messagePayload,
  type RecordedRequest,
} from '../support/fake-discord.ts';
import { realKb } from '../support/kb.ts';
import { readPng } from '../support/png.ts';

// The real discord.js client with formula pictures on (as FORMULA_IMAGES=true gives), against the stand-in.
const images = createFormulaImages();
const t = useTestDiscordBot({ formulaImage: (latex) => images.get(latex) });

beforeAll(async () => {
  await images.update(await realKb());
});

async function send(interaction: Json): Promise<RecordedRequest> {
  t.fake.sendInteraction(interaction);
  return callbackOf(t.fake, interaction);
}

function dataOf(r: RecordedRequest): Json {
  return (r.json?.data ?? {}) as Json;
}

function embedsOf(data: Json): Json[] {
  return (data.embeds as Json[] | undefined) ?? [];
}

function buttonsOf(data: Json): Json[] {
  return ((data.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
}

async function latexOf(entryId: string, index: number): Promise<string> {
  const formula = (await realKb()).graph.formulas.get(entryId)?.[index];
  if (!formula) throw new Error(`no formula ${index} of ${entryId}`);
  return formula.latex;
}

describe('formula pictures on Discord', () => {
  test('/llm attaches the main formula as a PNG the embed shows, with its Unicode as alt text', async () => {
    const r = await send(interactions.slash({ question: 'formulas of the transformer' }));
    expect(r.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const data = dataOf(r);
    expect(r.files.map((f) => [f.field, f.name])).toEqual([['files[0]', 'self-attention.png']]);
    const png = r.files[0]?.data ?? Buffer.alloc(0);
    expect(png.equals(Buffer.from(images.get(await latexOf('architecture/transformer', 0))?.png ?? []))).toBe(
      true,
    );
    expect(readPng(png).width).toBeGreaterThan(200);
    expect(data.attachments).toEqual([
      { id: '0', description: 'Self-attention: Attention(Q,K,V) = softmax(QKᵀ/√dₖ)V' },
    ]);
    const [embed] = embedsOf(data);
    expect(embed?.image).toEqual({ url: 'attachment://self-attention.png' });
    expect(embed?.title).toBe('Transformer-based');
    expect(buttonsOf(data)[0]).toMatchObject({
      label: 'Show formulas',
      custom_id: 'llm:f:architecture/transformer',
    });
    expect(discordViolations(data)).toEqual([]);
  });

  test('"Show formulas" answers the clicker alone with every formula of the entry, each its own picture', async () => {
    const first = await send(interactions.slash({ question: 'what is an rnn' }));
    const button = buttonsOf(dataOf(first)).find((b) => b.label === 'Show formulas');
    expect(button?.custom_id).toBe('llm:f:architecture/recurrent');
    const message = messagePayload({
      embeds: embedsOf(dataOf(first)),
      components: dataOf(first).components as Json[],
    });
    const r = await send(interactions.button(String(button?.custom_id), message));
    expect(r.json?.type).toBe(4);
    const data = dataOf(r);
    expect(Number(data.flags) & 64).toBe(64);
    expect(r.files).toHaveLength(4);
    for (const [i, file] of r.files.entries()) {
      expect(file.field).toBe(`files[${i}]`);
      expect(
        file.data.equals(Buffer.from(images.get(await latexOf('architecture/recurrent', i))?.png ?? [])),
      ).toBe(true);
    }
    expect(embedsOf(data).map((e) => (e.image as Json | undefined)?.url)).toEqual([
      undefined,
      ...r.files.map((f) => `attachment://${f.name}`),
    ]);
    expect(embedsOf(data).map((e) => e.title)).toEqual([
      'Recurrent (LSTM/GRU): formulas',
      'Hidden state update',
      'LSTM forget gate',
      'LSTM input gate',
      'LSTM output gate',
    ]);
    expect(discordViolations(data)).toEqual([]);
  });

  test('a tour page with a picture replaces the message with it, and the next page drops it', async () => {
    const kb = await realKb();
    const tour = tourOf(kb);
    const index = tour.pages.findIndex((p) => p.items.some((item) => (item.formulas?.length ?? 0) > 0));
    expect(index).toBeGreaterThan(0);
    const message = messagePayload({});
    const pictured = await send(interactions.button(`llm:tour:${index + 1}:${tour.version}`, message));
    expect(pictured.json?.type).toBe(7);
    expect(pictured.files).toHaveLength(1);
    const image = (embedsOf(dataOf(pictured))[0]?.image as Json | undefined)?.url;
    expect(image).toBe(`attachment://${pictured.files[0]?.name}`);
    expect(dataOf(pictured).attachments).toEqual([{ id: '0', description: expect.any(String) }]);
    const next = tour.pages.findIndex((p, i) => i > index && p.items.every((item) => !item.formulas?.length));
    const plain = await send(interactions.button(`llm:tour:${next + 1}:${tour.version}`, message));
    expect(plain.json?.type).toBe(7);
    expect(plain.files).toEqual([]);
    // An empty list: the previous page's picture goes, rather than hanging under the new page as a file.
    expect(dataOf(plain).attachments).toEqual([]);
    expect(embedsOf(dataOf(plain))[0]?.image).toBeUndefined();
  });

  test('a mention is answered with the picture too', async () => {
    const ask = messagePayload({
      author: HUMAN,
      content: `<@${BOT_USER.id}> formula for the lstm forget gate`,
      mentions: [BOT_USER],
    });
    t.fake.dispatch('MESSAGE_CREATE', ask);
    const answer = await t.fake.waitForRequest(
      (r) =>
        r.method === 'POST' &&
        r.path.endsWith('/messages') &&
        (r.json?.message_reference as Json | undefined)?.message_id === ask.id,
    );
    expect(answer.files.length).toBe(1);
    const [embed] = (answer.json?.embeds as Json[] | undefined) ?? [];
    expect((embed?.image as Json | undefined)?.url).toBe(`attachment://${answer.files[0]?.name}`);
    expect(discordViolations(answer.json ?? {})).toEqual([]);
  });
});

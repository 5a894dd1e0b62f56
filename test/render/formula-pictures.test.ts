import { beforeAll, describe, expect, test } from 'vitest';
import { type Action, decodeAction, deliveryOf, encodeAction } from '../../src/core/actions.ts';
import { ask } from '../../src/core/ask.ts';
import { type Answer, respond } from '../../src/core/respond.ts';
import type { KnowledgeBase } from '../../src/kb/graph.ts';
import { answerToCard } from '../../src/render/card.ts';
import { cardToDiscord } from '../../src/render/discord.ts';
import { createFormulaImages, type FormulaImages } from '../../src/render/formula-images.ts';
import { cardToBlockKit } from '../../src/render/slack.ts';
import { cardToText } from '../../src/render/text.ts';
import { discordViolations } from '../support/discord-limits.ts';
import type { Json } from '../support/fake-discord.ts';
import { realKb } from '../support/kb.ts';
import { loadQuestions } from '../support/questions.ts';
import { slackViolations } from '../support/slack-limits.ts';

function asJson(x: unknown): Json {
  return JSON.parse(JSON.stringify(x)) as Json;
}

let kb: KnowledgeBase;
let images: FormulaImages;

beforeAll(async () => {
  kb = await realKb();
  images = createFormulaImages();
  await images.update(kb);
});

const formulasOf = (id: string): Answer => respond(kb, { type: 'action', action: { type: 'formulas', id } });

describe('the "Show formulas" action', () => {
  test('round-trips through a custom_id, is answered privately, and rejects a tampered id', () => {
    const action: Action = { type: 'formulas', id: 'architecture/recurrent' };
    expect(encodeAction(action)).toBe('llm:f:architecture/recurrent');
    expect(decodeAction(encodeAction(action))).toEqual(action);
    expect(deliveryOf(action)).toBe('private');
    for (const bad of ['llm:f:', 'llm:f:../x', 'llm:f:Architecture/X', `llm:f:concept/${'a'.repeat(100)}`])
      expect(decodeAction(bad), bad).toBeUndefined();
  });

  test("answers with every formula of the entry, a concept's own and those its architecture names for it", () => {
    const recurrent = formulasOf('architecture/recurrent');
    expect(recurrent).toMatchObject({ kind: 'formulas', entry: { id: 'architecture/recurrent' } });
    expect(recurrent.kind === 'formulas' && recurrent.formulas.map((f) => f.name)).toEqual([
      'Hidden state update',
      'LSTM forget gate',
      'LSTM input gate',
      'LSTM output gate',
    ]);
    expect(formulasOf('concept/ppo').kind).toBe('formulas');
    // No formulas (or no entry): the button is from another knowledge base.
    expect(formulasOf('model/bert')).toEqual({ kind: 'notice', reason: 'expired' });
    expect(formulasOf('model/nope')).toEqual({ kind: 'notice', reason: 'expired' });
  });

  test('reads as plain Unicode in the terminal', () => {
    const text = cardToText(answerToCard(formulasOf('architecture/transformer')));
    expect(text).toContain('Attention(Q,K,V) = softmax(QKᵀ/√dₖ)V');
  });
});

describe('formula pictures on Discord', () => {
  test("attach the entry's main formula to the embed, keep the rest as text, and offer the rest as pictures", () => {
    const card = answerToCard(ask(kb, 'formulas of the transformer'));
    const reply = cardToDiscord(card, { formulaImage: images.get });
    const [embed] = reply.embeds;
    expect(reply.embeds).toHaveLength(1);
    expect(reply.files?.map((f) => f.name)).toEqual(['self-attention.png']);
    expect(embed?.image).toEqual({ url: 'attachment://self-attention.png' });
    const picture = images.get(
      String.raw`\mathrm{Attention}(Q,K,V) = \mathrm{softmax}\left(\frac{QK^{T}}{\sqrt{d_k}}\right)V`,
    );
    expect(reply.files?.[0]?.attachment.equals(Buffer.from(picture?.png ?? []))).toBe(true);
    // The picture's alt text is the Unicode formula.
    expect(reply.files?.[0]?.description).toBe('Self-attention: Attention(Q,K,V) = softmax(QKᵀ/√dₖ)V');
    const field = embed?.fields?.find((f) => f.name === 'Formulas');
    expect(field?.value).toMatch(/^Self-attention \(pictured below\)\n```\nMulti-head attention: MultiHead/);
    const [row] = reply.components;
    expect(row?.components[0]).toMatchObject({
      label: 'Show formulas',
      custom_id: 'llm:f:architecture/transformer',
    });
    expect(discordViolations(asJson(reply))).toEqual([]);
  });

  test('"Show formulas" gives one embed per formula, each showing its own picture', () => {
    const reply = cardToDiscord(answerToCard(formulasOf('architecture/recurrent')), {
      formulaImage: images.get,
    });
    expect(reply.embeds.map((e) => e.title)).toEqual([
      'Recurrent (LSTM/GRU): formulas',
      'Hidden state update',
      'LSTM forget gate',
      'LSTM input gate',
      'LSTM output gate',
    ]);
    const names = reply.files?.map((f) => f.name) ?? [];
    expect(names).toHaveLength(4);
    expect(new Set(names).size).toBe(4);
    expect(reply.embeds.slice(1).map((e) => e.image?.url)).toEqual(names.map((n) => `attachment://${n}`));
    expect(reply.embeds[0]?.fields).toEqual([]);
    expect(reply.components).toEqual([]);
    expect(discordViolations(asJson(reply))).toEqual([]);
  });

  test('a formula with no picture shows as text, exactly as without pictures', () => {
    const card = answerToCard(ask(kb, 'formula for self attention'));
    expect(cardToDiscord(card, { formulaImage: () => undefined })).toEqual(cardToDiscord(card));
    expect(cardToDiscord(card).files).toBeUndefined();
  });

  test('a quiz shows its formula as a picture and offers no other formulas (they would give the answer away)', () => {
    const quizzes = Array.from({ length: 60 }, (_, seed) =>
      respond(kb, { type: 'action', action: { type: 'quiz-start' }, seed }),
    ).filter((a) => a.kind === 'quiz' && a.question.formula !== undefined);
    expect(quizzes.length).toBeGreaterThan(0);
    for (const quiz of quizzes) {
      const reply = cardToDiscord(answerToCard(quiz), { formulaImage: images.get });
      expect(reply.embeds[0]?.image?.url).toMatch(/^attachment:\/\/[a-z0-9-]+\.png$/);
      const ids = reply.components.flatMap((r) =>
        r.components.map((c) => ('custom_id' in c ? c.custom_id : '')),
      );
      expect(ids.filter((id) => id.startsWith('llm:f:'))).toEqual([]);
    }
  });

  test('every answer of the question set, every entry and every tour page stays within Discord limits with pictures', () => {
    const answers: Answer[] = [
      ...loadQuestions().map((c) => ask(kb, c.q)),
      ...[...kb.byId.keys()].map((id) => respond(kb, { type: 'action', action: { type: 'topic', id } })),
      ...[...kb.graph.formulas.keys()].map(formulasOf),
      ...Array.from({ length: 40 }, (_, i) => respond(kb, { type: 'tour', page: i + 1 })),
    ];
    let pictured = 0;
    for (const answer of answers) {
      const reply = cardToDiscord(answerToCard(answer), { formulaImage: images.get });
      expect(discordViolations(asJson(reply))).toEqual([]);
      const files = new Set(reply.files?.map((f) => `attachment://${f.name}`));
      for (const e of reply.embeds) if (e.image) expect(files.has(e.image.url)).toBe(true);
      if (reply.files) pictured++;
    }
    expect(pictured).toBeGreaterThan(30);
  });
});

describe('formula pictures on Slack', () => {
  const uploaded = (latex: string) => {
    const image = images.get(latex);
    return image ? `F0${image.key.slice(0, 10).toUpperCase()}` : undefined;
  };

  test('show each formula as an image block of its uploaded file, with the Unicode as alt text', () => {
    const message = cardToBlockKit(answerToCard(ask(kb, 'formulas of the transformer')), {
      formulaFile: uploaded,
    });
    const title = message.blocks.findIndex((b) => b.type === 'section' && b.text?.text === '*Formulas*');
    expect(title).toBeGreaterThan(0);
    expect(message.blocks.slice(title + 1, title + 3)).toEqual([
      {
        type: 'image',
        slack_file: { id: expect.stringMatching(/^F0[0-9A-F]{10}$/) },
        alt_text: 'Self-attention: Attention(Q,K,V) = softmax(QKᵀ/√dₖ)V',
        title: { type: 'plain_text', text: 'Self-attention', emoji: false },
      },
      expect.objectContaining({
        type: 'image',
        title: expect.objectContaining({ text: 'Multi-head attention' }),
      }),
    ]);
    expect(JSON.stringify(message.blocks)).not.toContain('```');
    expect(slackViolations(asJson(message))).toEqual([]);
  });

  test('fall back to the Unicode code block when any formula of the section has no uploaded file', () => {
    const card = answerToCard(ask(kb, 'formulas of the transformer'));
    const [first] = kb.graph.formulas.get('architecture/transformer') ?? [];
    const partial = (latex: string) => (latex === first?.latex ? 'F0PARTIAL01' : undefined);
    expect(cardToBlockKit(card, { formulaFile: partial })).toEqual(cardToBlockKit(card));
    expect(JSON.stringify(cardToBlockKit(card).blocks)).toContain('```');
  });

  test('every entry, every "Show formulas" answer and every tour page stays within Block Kit limits with pictures', () => {
    const answers: Answer[] = [
      ...[...kb.byId.keys()].map((id) => respond(kb, { type: 'action', action: { type: 'topic', id } })),
      ...[...kb.graph.formulas.keys()].map(formulasOf),
      ...Array.from({ length: 40 }, (_, i) => respond(kb, { type: 'tour', page: i + 1 })),
    ];
    for (const answer of answers)
      expect(
        slackViolations(asJson(cardToBlockKit(answerToCard(answer), { formulaFile: uploaded }))),
      ).toEqual([]);
  });
});

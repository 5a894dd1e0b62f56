import { beforeAll, describe, expect, test } from 'vitest';
import { ask } from '../../src/core/ask.ts';
import { createFormulaImages } from '../../src/render/formula-images.ts';
import { toSlack } from '../support/answers.ts';
import type { ApiCall, FakeSlack, Json, ResponseCall } from '../support/fake-slack.ts';
import { realKb } from '../support/kb.ts';
import { startTestSlackBot, type TestSlackBot, useTestSlackBot } from '../support/slack-bot.ts';
import { slackViolations } from '../support/slack-limits.ts';

// The real Bolt app with formula pictures on (as FORMULA_IMAGES=true gives), against the Slack stand-in.
const images = createFormulaImages();
const formulaImage = (latex: string) => images.get(latex);

beforeAll(async () => {
  await images.update(await realKb());
});

async function answer(bot: TestSlackBot, text: string): Promise<ResponseCall> {
  const responseId = `r-${Math.random().toString(36).slice(2)}`;
  await bot.fake.deliver(bot.url, { form: bot.fake.slashCommand(text, { responseId }) });
  return bot.fake.waitFor<ResponseCall>('response', (r) => r.id === responseId);
}

async function slash(bot: TestSlackBot, text: string): Promise<Json> {
  return (await answer(bot, text)).body;
}

function imageBlocks(body: Json): Json[] {
  return ((body.blocks as Json[] | undefined) ?? []).filter((b) => b.type === 'image');
}

function fileIds(body: Json): string[] {
  return imageBlocks(body).map((b) => String((b.slack_file as Json).id));
}

async function latexOf(entryId: string, index: number): Promise<string> {
  const formula = (await realKb()).graph.formulas.get(entryId)?.[index];
  if (!formula) throw new Error(`no formula ${index} of ${entryId}`);
  return formula.latex;
}

function warnings(bot: TestSlackBot, text: RegExp): Record<string, unknown>[] {
  return bot.logs.filter((l) => l.level === 40 && text.test(String(l.msg)));
}

describe('formula pictures on Slack', () => {
  const t = useTestSlackBot('http', { formulaImage });

  test('/llm uploads each formula picture, then shows it in an image block of the uploaded file', async () => {
    const response = await answer(t, 'formulas of the transformer');
    const body = response.body;
    const uploads = t.fake.uploads;
    expect(uploads).toHaveLength(2);
    for (const [i, upload] of uploads.entries()) {
      const png = images.get(await latexOf('architecture/transformer', i))?.png ?? new Uint8Array();
      expect(upload).toMatchObject({
        completed: true,
        filename: expect.stringMatching(/^formula-[0-9a-f]{16}\.png$/),
      });
      expect(upload.data?.equals(Buffer.from(png))).toBe(true);
    }
    expect(uploads[0]?.altText).toBe('Self-attention: Attention(Q,K,V) = softmax(QKᵀ/√dₖ)V');
    expect(uploads.map((u) => u.title)).toEqual(['Self-attention', 'Multi-head attention']);
    // files.uploadV2's steps for each picture, every file completed before the answer shows it.
    const files = t.fake.apiCalls.filter((c: ApiCall) => c.method.startsWith('files.'));
    expect(files.map((c) => c.method).sort()).toEqual([
      'files.completeUploadExternal',
      'files.completeUploadExternal',
      'files.getUploadURLExternal',
      'files.getUploadURLExternal',
    ]);
    expect(Math.max(...files.map((c) => c.at))).toBeLessThan(response.at);
    expect(fileIds(body)).toEqual(uploads.map((u) => u.id));
    expect(imageBlocks(body)[0]).toMatchObject({
      alt_text: 'Self-attention: Attention(Q,K,V) = softmax(QKᵀ/√dₖ)V',
      title: { type: 'plain_text', text: 'Self-attention' },
    });
    expect(JSON.stringify(body.blocks)).not.toContain('```');
    expect(slackViolations(body)).toEqual([]);
  });

  test('a picture is uploaded once per process: the next answer showing it reuses the file', async () => {
    const before = t.fake.uploads.length;
    const again = await slash(t, 'formulas of the transformer');
    // The self-attention concept shows the architecture's own formula: the same picture.
    const concept = await slash(t, 'formula for self attention');
    expect(t.fake.uploads).toHaveLength(before);
    expect(fileIds(again)).toEqual(t.fake.uploads.slice(0, 2).map((u) => u.id));
    expect(fileIds(concept)).toEqual([t.fake.uploads[0]?.id]);
  });

  test('a mention is answered in its thread with the pictures, through chat.postMessage', async () => {
    const event = t.fake.appMention('formula for the lstm forget gate');
    await t.fake.deliver(t.url, { json: t.fake.eventEnvelope(event) });
    const posted = await t.fake.waitFor<ApiCall>(
      'api',
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === event.ts,
    );
    expect(fileIds(posted.args).length).toBeGreaterThan(0);
    for (const id of fileIds(posted.args))
      expect(t.fake.uploads.find((u) => u.id === id)?.completed).toBe(true);
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === event.ts)).toHaveLength(1);
  });
});

/** A bot of its own, so what it learns (a refused upload) stays in its test. */
async function withBot(setup: (fake: FakeSlack) => void, run: (bot: TestSlackBot) => Promise<void>) {
  const bot = await startTestSlackBot('http', { formulaImage });
  try {
    setup(bot.fake);
    await run(bot);
    expect(bot.fake.unhandled()).toEqual([]);
  } finally {
    await bot.stop();
  }
}

describe('when Slack will not take the pictures', () => {
  test('an upload refused for a missing scope gives the Unicode code block, with one warning, and is not tried again', async () => {
    await withBot(
      (fake) =>
        fake.override('files.getUploadURLExternal', () => ({
          ok: false,
          error: 'missing_scope',
          needed: 'files:write',
          provided: 'commands,chat:write',
        })),
      async (bot) => {
        const kb = await realKb();
        const tried: number[] = [];
        for (const q of ['formulas of the transformer', 'what is an rnn', 'formula for ppo']) {
          const body = await slash(bot, q);
          // Exactly what the bot shows with pictures off.
          expect(body).toEqual({ ...toSlack(ask(kb, q)), response_type: 'in_channel' });
          expect(JSON.stringify(body.blocks)).toContain('```');
          tried.push(bot.fake.callsTo('files.getUploadURLExternal').length);
        }
        // The first answer's two pictures were asked for at once; after the refusal, nothing more.
        expect(tried).toEqual([2, 2, 2]);
        expect(bot.fake.callsTo('files.completeUploadExternal')).toHaveLength(0);
        const warned = warnings(bot, /formula picture/);
        expect(warned).toHaveLength(1);
        expect(warned[0]).toMatchObject({ error: 'missing_scope', needed: 'files:write', retrying: false });
        expect(String(warned[0]?.msg)).toContain('files:write');
      },
    );
  });

  test('a message refused because of its pictures (a file still processing) is sent again as text, with one warning', async () => {
    await withBot(
      (fake) => {
        fake.cfg.filesProcessing = true;
      },
      async (bot) => {
        const kb = await realKb();
        for (const q of ['formulas of the transformer', 'what is an rnn']) {
          const body = await slash(bot, q);
          expect(body).toEqual({ ...toSlack(ask(kb, q)), response_type: 'in_channel' });
        }
        // Uploaded all the same, once each: once processed they show.
        expect(bot.fake.uploads.every((u) => u.completed)).toBe(true);
        expect(warnings(bot, /refused a message with formula pictures/)).toHaveLength(1);
      },
    );
  });
});

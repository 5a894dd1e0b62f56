import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunningApp } from '../../src/app.ts';
import { renderFormulaPng } from '../../src/render/formula-images.ts';
import { callbackOf, type FakeDiscord, interactions } from '../support/fake-discord.ts';
import { DATA_DIR } from '../support/kb.ts';
import { type StandInApp, startStandInApp } from '../support/stand-in-app.ts';

// The composition root with FORMULA_IMAGES on: pictures drawn once at load, and again only for what a reload changed.

const OLD = String.raw`\mathrm{Attention}(Q,K,V) = \mathrm{softmax}\left(\frac{QK^{T}}{\sqrt{d_k}}\right)V`;
const NEW = String.raw`\mathrm{Attention}(Q,K,V) = \mathrm{softmax}\left(QK^{T} / \sqrt{d_k}\right)V`;

let dir: string;
let discord: FakeDiscord;
let app: RunningApp;
let logs: Record<string, unknown>[];

let running: StandInApp;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kb-formulas-'));
  await cp(DATA_DIR, dir, { recursive: true });
  running = await startStandInApp(dir, { formulaImages: true });
  ({ app, discord, logs } = running);
});

afterAll(async () => {
  await running?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function mainPicture(): Promise<Buffer | undefined> {
  const i = interactions.slash({ question: 'formulas of the transformer' });
  discord.sendInteraction(i);
  return (await callbackOf(discord, i)).files[0]?.data;
}

async function logged(msg: string, timeout = 8000): Promise<Record<string, unknown>> {
  const start = Date.now();
  for (;;) {
    const line = logs.find((l) => l.msg === msg);
    if (line) return line;
    if (Date.now() - start > timeout) throw new Error(`never logged "${msg}"`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('formula pictures in the running app', () => {
  test('are drawn once the knowledge base loads, before the app reports started', async () => {
    const rendered = logs.find((l) => l.msg === 'formula pictures rendered');
    expect(rendered).toMatchObject({ rendered: expect.any(Number), failed: 0, ms: expect.any(Number) });
    expect(rendered?.rendered).toBe(rendered?.formulas);
    expect(Number(rendered?.formulas)).toBeGreaterThanOrEqual(30);
    expect(logs.findIndex((l) => l.msg === 'formula pictures rendered')).toBeLessThan(
      logs.findIndex((l) => l.msg === 'bot started'),
    );
    expect((await mainPicture())?.equals(Buffer.from(renderFormulaPng(OLD)))).toBe(true);
  });

  test('a reload draws only the formula that changed, and answers show the new picture', async () => {
    const file = join(dir, 'architectures.yaml');
    const yaml = await readFile(file, 'utf8');
    expect(yaml).toContain(`'${OLD}'`);
    await writeFile(file, yaml.replace(`'${OLD}'`, `'${NEW}'`));
    expect(await app.kb.reload()).toBe(true);
    const updated = await logged('formula pictures updated');
    expect(updated).toMatchObject({ rendered: 1, failed: 0 });
    expect((await mainPicture())?.equals(Buffer.from(renderFormulaPng(NEW)))).toBe(true);
  });
});

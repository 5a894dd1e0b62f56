import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { topicsOf } from '../../src/core/answer.ts';
import { ask } from '../../src/core/ask.ts';
import { loadKnowledgeBase } from '../../src/kb/loader.ts';
import { createKbHolder } from '../../src/kb/reload.ts';
import { summarizeGaps } from '../../src/runtime/gaps.ts';
import { startHealthServer } from '../../src/runtime/health.ts';
import { createInflight } from '../../src/runtime/inflight.ts';
import { DATA_DIR } from '../support/kb.ts';

async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeout = 5000,
): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('work in flight', () => {
  test('drains what is running, refuses new work once closed, and gives up after the timeout', async () => {
    const inflight = createInflight();
    let finished = false;
    const slow = inflight.run(async () => {
      await new Promise((r) => setTimeout(r, 100));
      finished = true;
      return 'done';
    });
    inflight.close();
    expect(await inflight.run(async () => 'late')).toBeUndefined();
    expect(await inflight.drain(2000)).toBe(true);
    expect(finished).toBe(true);
    expect(await slow).toBe('done');
    const stuck = createInflight();
    void stuck.run(() => new Promise(() => {}));
    expect(await stuck.drain(50)).toBe(false);
  });
});

describe('the health server', () => {
  test('answers /healthz, and /readyz with 200 or 503 from the readiness check', async () => {
    let ready = true;
    const health = await startHealthServer(0, () => ({ ready, checks: { discord: ready } }), '127.0.0.1');
    try {
      const base = `http://127.0.0.1:${health.port}`;
      const alive = await fetch(`${base}/healthz`);
      expect(alive.status).toBe(200);
      expect(await alive.json()).toMatchObject({ status: 'ok' });
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      ready = false;
      const notReady = await fetch(`${base}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ status: 'not ready', checks: { discord: false } });
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await health.close();
    }
  });
});

describe('live knowledge reload', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('a broken file keeps the old knowledge base answering; fixing it brings in the new entry without a restart', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-live-'));
    await cp(DATA_DIR, dir, { recursive: true });
    const errors: unknown[] = [];
    let reloads = 0;
    const holder = createKbHolder(dir, await loadKnowledgeBase(dir), {
      onReload: () => {
        reloads++;
      },
      onError: (err) => errors.push(err),
    });
    const stop = holder.watch(50);
    try {
      const before = holder.current();
      expect(ask(before, 'what is mistral').kind).toBe('none');
      const models = join(dir, 'models.yaml');
      const original = await readFile(models, 'utf8');
      await writeFile(models, `${original}\n  - id: model/mistral\n    kind: model\n    title: Mistral\n`);
      await waitUntil(() => errors.length > 0, 'the failed reload');
      expect(holder.current()).toBe(before);
      expect(topicsOf(ask(holder.current(), 'what is rlhf'))).toEqual(['training/rlhf']);
      const entry = `\n  - id: model/mistral\n    kind: model\n    provenance: cheatsheet\n    title: Mistral\n    summary: A French open-weights model family.\n    placements: {}\n`;
      await writeFile(models, `${original}${entry}`);
      await waitUntil(() => reloads > 0, 'the good reload');
      expect(holder.current()).not.toBe(before);
      expect(topicsOf(ask(holder.current(), 'what is mistral'))).toEqual(['model/mistral']);
    } finally {
      stop();
    }
  });

  test('reload() reports success and failure', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-live-'));
    await cp(DATA_DIR, dir, { recursive: true });
    const holder = createKbHolder(dir, await loadKnowledgeBase(dir), {
      onReload: () => {},
      onError: () => {},
    });
    expect(await holder.reload()).toBe(true);
    await writeFile(join(dir, 'broken.yaml'), 'entries: [');
    expect(await holder.reload()).toBe(false);
  });
});

describe('npm run gaps', () => {
  test('ranks the most-asked unanswered questions from JSON log lines', async () => {
    const lines = [
      JSON.stringify({ level: 30, msg: 'unanswered', unanswered: 'what is gemini 2', time: 1 }),
      JSON.stringify({ level: 30, msg: 'answered', intent: 'topic' }),
      JSON.stringify({ level: 30, msg: 'unanswered', unanswered: 'What is Gemini 2?', time: 2 }),
      'not json',
      JSON.stringify({ level: 30, msg: 'unanswered', unanswered: 'what is mistral', time: 3 }),
    ];
    const report = await summarizeGaps(Readable.from(lines), 10);
    expect(report.split('\n')).toEqual([
      '3 unanswered questions, 2 distinct; the most asked:',
      '2  what is gemini 2',
      '1  what is mistral',
      '(1 lines were not JSON and were skipped)',
    ]);
  });
});

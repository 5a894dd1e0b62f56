import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { distinctQuestions } from '../../bench/questions.ts';
import { realSources, syntheticSources } from '../../bench/synthetic.ts';
import { ask } from '../../src/core/ask.ts';
import { KbLoadError, kbMessages } from '../../src/kb/errors.ts';
import { indexEntries, indexSteps, type KnowledgeBase } from '../../src/kb/graph.ts';
import { buildKnowledgeBase, loadKnowledgeBaseSync } from '../../src/kb/loader.ts';
import { loadKnowledgeBaseOffThread } from '../../src/kb/off-thread.ts';
import { createKbHolder } from '../../src/kb/reload.ts';
import { runSteps, runStepsAsync } from '../../src/kb/steps.ts';
import { DATA_DIR } from '../support/kb.ts';
import { runTsx } from '../support/processes.ts';

const ROOT = new URL('../../', import.meta.url).pathname;

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

/** Everything a knowledge base holds, as plain data: class instances by their serialised contents. */
function contents(kb: KnowledgeBase): unknown {
  const { bm25, vocabulary, fuzzyNames, ...rest } = kb.index;
  return {
    meta: kb.meta,
    entries: kb.entries,
    byId: kb.byId,
    byName: kb.byName,
    graph: kb.graph,
    fingerprint: kb.fingerprint,
    index: {
      ...rest,
      bm25: bm25.toJSON(),
      vocabulary: [...vocabulary],
      fuzzy: fuzzyNames.getIndex().toJSON(),
    },
  };
}

/** A copy of data/ grown to about `size` entries, written as files into a new temporary folder. */
async function syntheticFolder(size: number): Promise<string> {
  const real = await realSources(DATA_DIR);
  const sources = syntheticSources(real, buildKnowledgeBase(real).entries.length, size);
  const folder = await mkdtemp(join(tmpdir(), 'kb-big-'));
  for (const s of sources) await writeFile(join(folder, basename(s.file)), s.text);
  return folder;
}

describe('loading off the main thread', () => {
  test('gives the same knowledge base as the synchronous load of data/: same contents, same answers', async () => {
    const sync = loadKnowledgeBaseSync(DATA_DIR);
    const offThread = await loadKnowledgeBaseOffThread(DATA_DIR);
    expect(contents(offThread)).toEqual(contents(sync));
    for (const q of distinctQuestions(sync, 150, 7)) expect(ask(offThread, q)).toEqual(ask(sync, q));
  });

  test('reports problems, limits included, as the synchronous load does', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-off-'));
    await cp(DATA_DIR, dir, { recursive: true });
    await writeFile(join(dir, 'broken.yaml'), 'entries:\n  - id: model/x\n    kind: model\n');
    const sync = (() => {
      try {
        loadKnowledgeBaseSync(dir);
      } catch (err) {
        return err;
      }
    })();
    const off = await loadKnowledgeBaseOffThread(dir).catch((err: unknown) => err);
    expect(off).toBeInstanceOf(KbLoadError);
    expect((off as KbLoadError).problems).toEqual((sync as KbLoadError).problems);
    const limited = await loadKnowledgeBaseOffThread(dir, { maxFileBytes: 20_000 }).catch((e: unknown) => e);
    expect((limited as KbLoadError).problems).toContainEqual({
      file: join(dir, 'glossary.yaml'),
      message: expect.stringMatching(/over the limit of 0\.0 MB \(20,000 bytes\) per file/),
    });
  });

  test('a worker that crashes or exits is an error, not a hang', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-crash-'));
    await writeFile(join(dir, 'throws.mjs'), "throw new Error('boom');\n");
    await writeFile(join(dir, 'exits.mjs'), 'process.exit(3);\n');
    const thrown = await loadKnowledgeBaseOffThread(
      DATA_DIR,
      {},
      pathToFileURL(join(dir, 'throws.mjs')),
    ).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toBe('the knowledge base worker failed: boom');
    const exited = await loadKnowledgeBaseOffThread(
      DATA_DIR,
      {},
      pathToFileURL(join(dir, 'exits.mjs')),
    ).catch((e: unknown) => e);
    expect((exited as Error).message).toBe(
      'the knowledge base worker stopped (exit code 3) before it answered',
    );
  });

  test('works where npm start runs the bot: node --import tsx, whose hooks Node 20 does not give a worker', async () => {
    const script = `import { loadKnowledgeBaseOffThread } from ${JSON.stringify(join(ROOT, 'src/kb/off-thread.ts'))};
const kb = await loadKnowledgeBaseOffThread(${JSON.stringify(DATA_DIR)});
console.log(kb.entries.length, kb.fingerprint);`;
    const ran = await runTsx(['--input-type=module', '-e', script]);
    if (ran.code !== 0) throw new Error(ran.stderr);
    const out = ran.stdout;
    const kb = loadKnowledgeBaseSync(DATA_DIR);
    expect(out.trim()).toBe(`${kb.entries.length} ${kb.fingerprint}`);
  });
});

describe('indexing a slice at a time', () => {
  test('every pass over 10,000 entries is cut into short steps, and run either way the index is the same', async () => {
    const real = await realSources(DATA_DIR);
    const kb = buildKnowledgeBase(syntheticSources(real, buildKnowledgeBase(real).entries.length, 10_000));
    // A clock that moves 1 ms per reading, so a step ends every 16 items whatever the machine's speed.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => ++now);
    let yields = 0;
    const steps = indexSteps(kb.meta, kb.entries);
    let next = steps.next();
    try {
      for (; !next.done; next = steps.next()) yields++;
    } finally {
      clock.mockRestore();
    }
    // Ten passes over the entries and three over their 20,000 names: a step per 16 items of each.
    expect(yields).toBeGreaterThan((10 * 10_000) / 16);
    const sliced = await runStepsAsync(indexSteps(kb.meta, kb.entries));
    expect(contents(sliced)).toEqual(contents(next.value));
    expect(contents(runSteps(indexSteps(kb.meta, kb.entries)))).toEqual(
      contents(indexEntries(kb.meta, kb.entries)),
    );
  }, 60_000);
});

describe('reloading', () => {
  test('a reload of 10,000 entries keeps the event loop responsive (longest pause under 250 ms)', async () => {
    dir = await syntheticFolder(10_000);
    const first = loadKnowledgeBaseSync(dir);
    const errors: unknown[] = [];
    const holder = createKbHolder(dir, first, { onReload: () => {}, onError: (err) => errors.push(err) });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    // The histogram records a pause only once its timer has ticked before and after it.
    await new Promise((r) => setTimeout(r, 30));
    const ok = await holder.reload();
    await new Promise((r) => setTimeout(r, 30));
    delay.disable();
    expect(errors).toEqual([]);
    expect(ok).toBe(true);
    expect(holder.current()).not.toBe(first);
    expect(holder.current().fingerprint).toBe(first.fingerprint);
    // The synchronous reload this replaced paused 560-730 ms here (500 would fail it by a hair); now 20-45 ms.
    expect(delay.max / 1e6).toBeLessThan(250);
  }, 60_000);

  test('a reload that fails keeps the last good knowledge base and reports why: bad file, limit, worker crash', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-fail-'));
    await cp(DATA_DIR, dir, { recursive: true });
    const first = loadKnowledgeBaseSync(dir);
    const errors: unknown[] = [];
    const events = { onReload: () => {}, onError: (err: unknown) => errors.push(err) };

    const limited = createKbHolder(dir, first, events, { maxFileBytes: 20_000 });
    expect(await limited.reload()).toBe(false);
    expect(limited.current()).toBe(first);
    expect((errors.pop() as KbLoadError).problems).toContainEqual({
      file: join(dir, 'glossary.yaml'),
      message: expect.stringMatching(/^the file is .* over the limit of 0\.0 MB \(20,000 bytes\) per file/),
    });

    await writeFile(join(dir, 'crash.mjs'), "throw new Error('out of luck');\n");
    const crashing = createKbHolder(dir, first, events, {
      load: (d, o) => loadKnowledgeBaseOffThread(d, o, pathToFileURL(join(dir, 'crash.mjs'))),
    });
    expect(await crashing.reload()).toBe(false);
    expect(crashing.current()).toBe(first);
    const crash = errors.pop();
    expect(crash).not.toBeInstanceOf(KbLoadError);
    expect((crash as Error).message).toBe('the knowledge base worker failed: out of luck');

    const holder = createKbHolder(dir, first, events);
    await writeFile(join(dir, 'x.yaml'), 'entries:\n  - id: model/x\n    summary: \u0000\n');
    expect(await holder.reload()).toBe(false);
    expect(holder.current()).toBe(first);
    expect((errors.pop() as KbLoadError).problems).toContainEqual({
      file: join(dir, 'x.yaml'),
      line: 3,
      message: kbMessages.controlCharacter(0, 14),
    });
    expect(errors).toEqual([]);
  }, 30_000);

  test('a change that arrives during a reload is loaded by one more reload after it', async () => {
    const first = loadKnowledgeBaseSync(DATA_DIR);
    let loads = 0;
    let release: () => void = () => {};
    const holder = createKbHolder(
      DATA_DIR,
      first,
      { onReload: () => {}, onError: () => {} },
      {
        load: async () => {
          loads++;
          if (loads === 1) await new Promise<void>((resolve) => (release = resolve));
          return first;
        },
      },
    );
    const a = holder.reload();
    const b = holder.reload();
    const c = holder.reload();
    release();
    expect(await Promise.all([a, b, c])).toEqual([true, true, true]);
    // The two changes during the first load are covered by a single reload after it.
    expect(loads).toBe(2);
  });
});

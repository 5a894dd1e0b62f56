import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { KbLoadError } from '../../src/kb/errors.ts';
import { JSON_SCHEMA_FILE, kbJsonSchemaText } from '../../src/kb/json-schema.ts';
import { loadKnowledgeBase } from '../../src/kb/loader.ts';
import { buildMini, DATA_DIR, miniSources, problemsOf, replaceIn } from '../support/kb.ts';

const MODELS = 1;
const ROOT = 0;

describe('loading the knowledge base', () => {
  test('accepts a small valid knowledge base and indexes titles and aliases', () => {
    const kb = buildMini(() => {});
    expect(kb.byId.get('model/tiny')?.title).toBe('Tiny');
    expect(kb.byName.get('tinynet')).toBe('model/tiny');
    expect(kb.graph.dimensionOf.get('scale/small')).toBe('dimension/scale');
  });

  test('rejects a duplicate id, naming both files', () => {
    const [p] = problemsOf((s) => replaceIn(s, MODELS, 'id: model/tiny', 'id: scale/small'));
    expect(p).toMatchObject({ file: 'data/models.yaml', entry: 'scale/small', field: 'id' });
    expect(p?.message).toMatch(/duplicate id.*data\/models\.yaml/);
  });

  test('rejects an alias shared by two entries', () => {
    const problems = problemsOf((s) => replaceIn(s, MODELS, 'aliases: [TinyNet]', 'aliases: [Small models]'));
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'data/models.yaml',
        entry: 'model/tiny',
        field: 'aliases[0]',
        line: 12,
      }),
    );
    expect(problems[0]?.message).toContain('"Small models" also names "scale/small"');
  });

  test('rejects an unknown related id', () => {
    const problems = problemsOf((s) =>
      replaceIn(s, MODELS, 'summary: A tiny model.', 'summary: A tiny model.\n    related: [model/huge]'),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        entry: 'model/tiny',
        field: 'related[0]',
        message: expect.stringMatching(/unknown id "model\/huge"/),
      }),
    ]);
  });

  test('rejects a model placed in a missing category, in a category of another dimension, or in no dimension', () => {
    const missing = problemsOf((s) => replaceIn(s, MODELS, 'scale: [scale/small]', 'scale: [scale/tiny]'));
    expect(missing).toContainEqual(
      expect.objectContaining({
        entry: 'model/tiny',
        field: 'placements.scale[0]',
        message: expect.stringMatching(/unknown id "scale\/tiny"/),
      }),
    );
    const wrong = problemsOf((s) => replaceIn(s, MODELS, 'scale: [scale/small]', 'scale: [model/tiny]'));
    expect(wrong).toContainEqual(
      expect.objectContaining({
        field: 'placements.scale[0]',
        message: expect.stringMatching(/wrong group.*"scale\/"/),
      }),
    );
    const nowhere = problemsOf((s) =>
      replaceIn(s, MODELS, 'scale: [scale/small]', 'scale: [scale/small]\n      modality: [scale/small]'),
    );
    expect(nowhere).toContainEqual(
      expect.objectContaining({
        field: 'placements.modality',
        message: expect.stringMatching(/no dimension "dimension\/modality".*scale/),
      }),
    );
  });

  test('rejects a placement that the category does not list, and the other way round', () => {
    const problems = problemsOf((s) => replaceIn(s, MODELS, 'examples: [model/tiny]', 'examples: []'));
    expect(problems).toContainEqual(
      expect.objectContaining({
        entry: 'model/tiny',
        field: 'placements.scale[0]',
        message: expect.stringMatching(/examples/),
      }),
    );
  });

  test('rejects a missing required field, naming entry and field', () => {
    const problems = problemsOf((s) => replaceIn(s, MODELS, '    summary: A tiny model.\n', ''));
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'data/models.yaml',
        entry: 'model/tiny',
        field: 'summary',
        message: 'missing; expected string',
      }),
    ]);
  });

  test('rejects a wrong type and an unknown field', () => {
    const problems = problemsOf((s) => {
      replaceIn(s, MODELS, 'aliases: [TinyNet]', 'aliases: TinyNet\n    colour: blue');
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        entry: 'model/tiny',
        field: 'aliases',
        message: 'wrong type: expected array, got string',
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ entry: 'model/tiny', message: 'unknown field(s) "colour"' }),
    );
  });

  test('rejects a malformed id and an id in the wrong group for its kind', () => {
    const problems = problemsOf((s) => replaceIn(s, MODELS, 'id: model/tiny', 'id: Model/Tiny Net'));
    expect(problems[0]).toMatchObject({ entry: 'Model/Tiny Net', field: 'id' });
    expect(problems[0]?.message).toMatch(/group\/slug/);
    const group = problemsOf((s) => replaceIn(s, MODELS, /model\/tiny/g, 'concept/tiny'));
    expect(group).toContainEqual(
      expect.objectContaining({
        entry: 'concept/tiny',
        message: expect.stringMatching(/kind "model".*"model\/"/),
      }),
    );
  });

  test('reports a YAML syntax error with file and line', () => {
    const problems = problemsOf((s) => replaceIn(s, MODELS, 'aliases: [TinyNet]', 'aliases: [TinyNet'));
    expect(problems[0]).toMatchObject({
      file: 'data/models.yaml',
      message: expect.stringMatching(/^YAML syntax error/),
    });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(11);
  });

  test('reports an empty file', () => {
    const problems = problemsOf((s) => s.push({ file: 'data/empty.yaml', text: '# nothing yet\n' }));
    expect(problems).toEqual([
      expect.objectContaining({ file: 'data/empty.yaml', message: expect.stringMatching(/empty/) }),
    ]);
  });

  test('lists every problem at once, not just the first', () => {
    const problems = problemsOf((s) => {
      replaceIn(
        s,
        MODELS,
        'summary: A tiny model.',
        'summary: A tiny model.\n    related: [model/a, model/b]',
      );
      replaceIn(s, ROOT, 'title: By scale', 'title: 42\n    related: [x/y]');
    });
    expect(problems.length).toBeGreaterThanOrEqual(3);
    const text = new KbLoadError(problems).message;
    expect(text).toMatch(/^The knowledge base has \d+ problems:/);
    expect(text).toContain('model/a');
    expect(text).toContain('model/b');
    expect(text).toContain('data/root.yaml');
  });

  test('reads every yaml file of a folder and names files by path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kb-'));
    try {
      for (const s of miniSources()) await writeFile(join(dir, s.file.replace('data/', '')), s.text);
      expect((await loadKnowledgeBase(dir)).entries).toHaveLength(4);
      await writeFile(join(dir, 'broken.yaml'), 'entries:\n  - id: model/x\n    kind: model\n');
      const err = await loadKnowledgeBase(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(KbLoadError);
      expect((err as KbLoadError).message).toContain(join(dir, 'broken.yaml'));
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe('editor support', () => {
  test('the checked-in JSON Schema matches the zod schema (run npm run kb:schema if this fails)', async () => {
    const checkedIn = await readFile(join(DATA_DIR, JSON_SCHEMA_FILE), 'utf8');
    expect(checkedIn).toBe(kbJsonSchemaText());
  });

  test('every data file points editors at the JSON Schema', async () => {
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(DATA_DIR)).filter((f) => f.endsWith('.yaml'));
    for (const f of files) {
      const text = await readFile(join(DATA_DIR, f), 'utf8');
      expect(text.split('\n')[0], f).toBe(`# yaml-language-server: $schema=./${JSON_SCHEMA_FILE}`);
    }
  });
});

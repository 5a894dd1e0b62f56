import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { KbLoadError, type KbProblem, kbMessages } from '../../src/kb/errors.ts';
import {
  DEFAULT_KB_LIMITS,
  type KbLoadOptions,
  type KbSource,
  loadKnowledgeBase,
  loadKnowledgeBaseSync,
} from '../../src/kb/loader.ts';
import { buildMini, miniSources } from '../support/kb.ts';

const ROOT = 0;
const MODELS = 1;

function problemsOf(run: () => unknown): readonly KbProblem[] {
  try {
    run();
  } catch (err) {
    if (err instanceof KbLoadError) return err.problems;
    throw err;
  }
  throw new Error('expected the knowledge base to be rejected');
}

function editMini(edit: (sources: KbSource[]) => void): readonly KbProblem[] {
  return problemsOf(() => buildMini(edit));
}

function replaceIn(sources: KbSource[], file: number, from: string, to: string): void {
  const source = sources[file];
  if (!source?.text.includes(from)) throw new Error(`fixture edit did not apply: ${from}`);
  source.text = source.text.replace(from, to);
}

/** Both load functions' problems for a folder: they must agree. */
async function folderProblems(dir: string, options: KbLoadOptions = {}): Promise<readonly KbProblem[]> {
  const sync = problemsOf(() => loadKnowledgeBaseSync(dir, options));
  const err = await loadKnowledgeBase(dir, options).catch((e: unknown) => e);
  if (!(err instanceof KbLoadError)) throw new Error(`expected a KbLoadError, got ${String(err)}`);
  expect(err.problems).toEqual(sync);
  return sync;
}

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

/** A temporary folder holding the small valid knowledge base, as root.yaml and models.yaml. */
async function miniFolder(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'kb-hard-'));
  for (const s of miniSources()) await writeFile(join(dir, s.file.replace('data/', '')), s.text);
  return dir;
}

describe('text that is not clean UTF-8', () => {
  test('a byte that is not UTF-8 (0xC9, Latin-1 "É") is reported with file and line, and the rest is still checked', async () => {
    const folder = await miniFolder();
    const text = miniSources()[MODELS]?.text ?? '';
    const bytes = Buffer.from(text.replace('title: Tiny', 'title: XTiny'), 'utf8');
    bytes[bytes.indexOf('XTiny')] = 0xc9;
    await writeFile(join(folder, 'models.yaml'), bytes);
    const problems = await folderProblems(folder);
    expect(problems).toEqual([
      { file: join(folder, 'models.yaml'), line: 11, message: kbMessages.notUtf8() },
    ]);
  });

  test('NUL and other control characters are reported with file, line and column; tabs in text are fine', () => {
    const problems = editMini((s) => {
      replaceIn(s, MODELS, 'summary: A tiny model.', 'summary: A tiny\u0000 model.');
      replaceIn(s, ROOT, 'title: By scale', 'title: By\u001b scale');
    });
    expect(problems).toEqual([
      { file: 'data/root.yaml', line: 13, message: kbMessages.controlCharacter(0x1b, 14) },
      { file: 'data/models.yaml', line: 13, message: kbMessages.controlCharacter(0, 20) },
    ]);
    expect(() => buildMini((s) => replaceIn(s, MODELS, 'A tiny model.', '"A tiny\\tmodel."'))).not.toThrow();
  });

  test('a file full of control characters gets a few lines reported and a count of the rest', () => {
    const problems = editMini((s) => {
      const source = s[MODELS];
      if (source) source.text += '\n# \u0007\n'.repeat(8);
    });
    expect(problems).toHaveLength(6);
    expect(problems[5]).toEqual({
      file: 'data/models.yaml',
      message: kbMessages.moreLines(3, 'with control characters'),
    });
  });
});

describe('files of nothing but comments', () => {
  test('a 4.8 MB one (under the size limit) is reported empty, not as a stack overflow', () => {
    const problems = editMini((s) => s.push({ file: 'data/notes.yaml', text: '#\n'.repeat(2_400_000) }));
    expect(problems).toEqual([{ file: 'data/notes.yaml', message: kbMessages.emptyFile() }]);
  });
});

describe('YAML anchors and aliases', () => {
  const BOMB = [
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  ].join('\n');

  test('a "billion laughs" file that js-yaml reads is a friendly problem with file and line', () => {
    const problems = editMini((s) => s.push({ file: 'data/bomb.yaml', text: `${BOMB}\n` }));
    // 4 anchors and 27 aliases.
    expect(problems).toEqual([{ file: 'data/bomb.yaml', line: 1, message: kbMessages.anchors(31) }]);
  });

  test('one that js-yaml rejects (an alias as a key) is too, not a ReferenceError from the fallback parser', () => {
    const problems = editMini((s) => s.push({ file: 'data/bomb.yaml', text: `${BOMB}\n? [*d]\n: x\n` }));
    expect(problems).toEqual([{ file: 'data/bomb.yaml', line: 1, message: kbMessages.anchors(32) }]);
  });

  test('a single anchor and alias inside an entry are rejected as well; data/ never needs them', () => {
    const problems = editMini((s) =>
      replaceIn(s, MODELS, 'aliases: [TinyNet]', 'aliases: &names [TinyNet]\n    keywords: *names'),
    );
    // The file is left out, as one with a syntax error is, so ids defined in it are reported unknown too.
    expect(problems[0]).toEqual({ file: 'data/models.yaml', line: 12, message: kbMessages.anchors(2) });
    expect(problems.slice(1)).toEqual([
      expect.objectContaining({ message: kbMessages.unknownId('scale/small') }),
    ]);
  });

  test('an ampersand in text is not an anchor', () => {
    const kb = buildMini((s) => replaceIn(s, MODELS, 'A tiny model.', 'A tiny R&D model, Q & A ready.'));
    expect(kb.byId.get('model/tiny')?.summary).toBe('A tiny R&D model, Q & A ready.');
  });
});

describe('files that are not files', () => {
  test('a folder named x.yaml is reported by name, not as EISDIR, and the other files are still checked', async () => {
    const folder = await miniFolder();
    await mkdir(join(folder, 'x.yaml'));
    expect(await folderProblems(folder)).toEqual([
      { file: join(folder, 'x.yaml'), message: kbMessages.notAFile(true) },
    ]);
  });

  test('a folder that does not exist is a friendly problem', async () => {
    const missing = join(tmpdir(), 'kb-does-not-exist-4f1c');
    const problems = await folderProblems(missing);
    expect(problems).toEqual([{ file: missing, message: expect.stringMatching(/cannot be read.*ENOENT/) }]);
  });
});

describe('size limits', () => {
  test('a file over maxFileBytes is rejected, naming the file, its size and the limit', async () => {
    const folder = await miniFolder();
    const [root, models] = miniSources().map((s) => Buffer.byteLength(s.text));
    expect(await folderProblems(folder, { maxFileBytes: 300 })).toEqual([
      { file: join(folder, 'models.yaml'), message: kbMessages.fileTooLarge(models ?? 0, 300) },
      { file: join(folder, 'root.yaml'), message: kbMessages.fileTooLarge(root ?? 0, 300) },
    ]);
    expect(kbMessages.fileTooLarge(17_825_792, 5_000_000)).toMatch(
      /^the file is 17\.8 MB \(17,825,792 bytes\), over the limit of 5\.0 MB \(5,000,000 bytes\) per file/,
    );
  });

  test('files together over maxTotalBytes are rejected, naming the folder, the total and the limit', async () => {
    const folder = await miniFolder();
    const total = miniSources().reduce((n, s) => n + Buffer.byteLength(s.text), 0);
    expect(await folderProblems(folder, { maxTotalBytes: total - 1 })).toEqual([
      { file: folder, message: kbMessages.totalTooLarge(total, total - 1) },
    ]);
    expect(loadKnowledgeBaseSync(folder, { maxTotalBytes: total }).entries).toHaveLength(4);
  });

  test('by default a file is limited to 5 MB and the folder to 50 MB: a 6 MB file is rejected', async () => {
    expect(DEFAULT_KB_LIMITS).toEqual({ maxFileBytes: 5_000_000, maxTotalBytes: 50_000_000 });
    const folder = await miniFolder();
    const big = `${miniSources()[MODELS]?.text ?? ''}${'# padding\n'.repeat(600_000)}`;
    await writeFile(join(folder, 'models.yaml'), big);
    expect(await folderProblems(folder)).toEqual([
      { file: join(folder, 'models.yaml'), message: kbMessages.fileTooLarge(big.length, 5_000_000) },
    ]);
  });
});

describe('rules across files', () => {
  test('a second meta block is reported against the file that has it, naming the file with the first', () => {
    const problems = editMini((s) => replaceIn(s, MODELS, 'entries:', 'meta:\n  asOf: July 2025\nentries:'));
    expect(problems).toEqual([
      {
        file: 'data/models.yaml',
        line: 2,
        field: 'meta',
        message: kbMessages.extraMeta('data/root.yaml'),
      },
    ]);
  });

  test('a second root entry is reported where it is written', () => {
    const root2 = `  - id: taxonomy/other
    kind: root
    provenance: cheatsheet
    title: Other taxonomy
    summary: Another root.
    dimensions: [dimension/scale]
`;
    const problems = editMini((s) => replaceIn(s, MODELS, 'entries:\n', `entries:\n${root2}`));
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'data/models.yaml',
        entry: 'taxonomy/other',
        message: kbMessages.extraRoot('data/root.yaml'),
      }),
    );
    expect(problems.filter((p) => p.file === 'data/root.yaml')).toEqual([]);
  });

  test('a circular variantOf is rejected, naming the circle; a self-reference too', () => {
    const twin = `
  - id: model/twin
    kind: model
    provenance: cheatsheet
    title: Twin
    summary: A twin model.
    placements: {}
    variantOf: model/tiny
`;
    const circle = editMini((s) => {
      replaceIn(s, MODELS, 'aliases: [TinyNet]', 'aliases: [TinyNet]\n    variantOf: model/twin');
      const models = s[MODELS];
      if (models) models.text += twin;
    });
    expect(circle).toEqual([
      {
        file: 'data/models.yaml',
        line: 13,
        entry: 'model/tiny',
        field: 'variantOf',
        message: kbMessages.variantCycle(['model/tiny', 'model/twin', 'model/tiny']),
      },
    ]);
    const self = editMini((s) =>
      replaceIn(s, MODELS, 'aliases: [TinyNet]', 'aliases: [TinyNet]\n    variantOf: model/tiny'),
    );
    expect(self).toEqual([
      expect.objectContaining({
        entry: 'model/tiny',
        message: kbMessages.variantCycle(['model/tiny', 'model/tiny']),
      }),
    ]);
  });

  test('a chain of variants without a circle is fine', () => {
    const kb = buildMini((s) => {
      const models = s[MODELS];
      if (models)
        models.text += `
  - id: model/tiny-chat
    kind: model
    provenance: cheatsheet
    title: Tiny Chat
    summary: A chat variant.
    placements: {}
    variantOf: model/tiny
  - id: model/tiny-chat-mini
    kind: model
    provenance: cheatsheet
    title: Tiny Chat Mini
    summary: A smaller chat variant.
    placements: {}
    variantOf: model/tiny-chat
`;
    });
    expect(kb.graph.parents.get('model/tiny-chat-mini')).toBe('model/tiny-chat');
  });
});

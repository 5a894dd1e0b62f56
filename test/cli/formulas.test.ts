import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { formulaFileName, formulasOf } from '../../src/render/formula-images.ts';
import { realKb } from '../support/kb.ts';
import { readPng } from '../support/png.ts';
import { runTsx } from '../support/processes.ts';

const made: string[] = [];

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'formulas-'));
  made.push(dir);
  return dir;
}

describe('npm run formulas', () => {
  test('writes one valid PNG per formula of the knowledge base, named by entry and formula', async () => {
    const out = join(await tempDir(), 'review');
    const { code, stdout, stderr } = await runTsx(['src/cli/formulas.ts', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const expected = formulasOf(await realKb()).map((f) => formulaFileName(f.entry, f.formula));
    const files = await readdir(out);
    expect(files.sort()).toEqual([...expected].sort());
    expect(files).toContain('architecture-transformer--self-attention.png');
    for (const file of files)
      expect(readPng(await readFile(join(out, file))).width, file).toBeGreaterThan(100);
    expect(stdout).toContain(`wrote ${expected.length} pictures to ${out}`);
  });

  test('says how to use it when DIR is missing or an option is unknown, with exit code 2', async () => {
    const missing = await runTsx(['src/cli/formulas.ts']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('npm run formulas -- DIR [--data KB_DIR]');
    const unknown = await runTsx(['src/cli/formulas.ts', '--size', '3', await tempDir()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('npm run formulas -- --help');
    const help = await runTsx(['src/cli/formulas.ts', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run formulas -- DIR \[--data KB_DIR\]/);
  });

  test('exits 1 naming the knowledge base folder when it is missing', async () => {
    const { code, stderr } = await runTsx([
      'src/cli/formulas.ts',
      await tempDir(),
      '--data',
      'no-such-folder',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('no-such-folder');
  });
});

import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { formatProblems, kbMessages } from '../../src/kb/errors.ts';
import { DATA_DIR } from '../support/kb.ts';
import { type Ran, runTsx } from '../support/processes.ts';

function kbCheck(dir: string): Promise<Ran> {
  return runTsx(['src/cli/kb-check.ts', dir]);
}

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run kb:check on files that used to slip through or crash it', () => {
  test('lists each problem with its file and line, and prints no stack trace', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-check-'));
    await cp(DATA_DIR, dir, { recursive: true });
    // A folder named like a data file (was: EISDIR).
    await mkdir(join(dir, 'x.yaml'));
    // A "billion laughs" file that js-yaml rejects, so the fallback parser expands it (was: ReferenceError).
    const bomb = [
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ];
    await writeFile(join(dir, 'bomb.yaml'), `${bomb.join('\n')}\n? [*d]\n: x\n`);
    // A Latin-1 byte in a title and a NUL in a summary (was: accepted).
    const models = Buffer.from(await readFile(join(dir, 'models.yaml'), 'utf8'), 'utf8');
    const titleAt = models.indexOf('title: ') + 'title: '.length;
    models[titleAt] = 0xc9;
    const summaryAt = models.indexOf('summary: ') + 'summary: '.length;
    models[summaryAt] = 0;
    await writeFile(join(dir, 'models.yaml'), models);
    const lineOf = (at: number) => models.subarray(0, at).toString('latin1').split('\n').length;
    const columnOf = (at: number) => at - models.lastIndexOf(0x0a, at);
    // A second meta block (was: reported against the first file) and two models that are each other's variant.
    const extra = `meta:
  asOf: July 2025
entries:
  - id: model/ping
    kind: model
    provenance: cheatsheet
    title: Ping
    summary: One of a pair.
    placements: {}
    variantOf: model/pong
  - id: model/pong
    kind: model
    provenance: cheatsheet
    title: Pong
    summary: The other of a pair.
    placements: {}
    variantOf: model/ping
`;
    await writeFile(join(dir, 'zz-extra.yaml'), extra);

    const { code, stdout, stderr } = await kbCheck(dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).not.toMatch(/^\s+at /m);
    const at = (file: string) => join(dir, file);
    const expected = [
      { file: at('x.yaml'), message: kbMessages.notAFile(true) },
      { file: at('models.yaml'), line: lineOf(titleAt), message: kbMessages.notUtf8() },
      { file: at('bomb.yaml'), line: 1, message: kbMessages.anchors(32) },
      {
        file: at('models.yaml'),
        line: lineOf(summaryAt),
        message: kbMessages.controlCharacter(0, columnOf(summaryAt)),
      },
      {
        file: at('zz-extra.yaml'),
        line: 2,
        field: 'meta',
        message: kbMessages.extraMeta(at('taxonomy.yaml')),
      },
      {
        file: at('zz-extra.yaml'),
        line: 10,
        entry: 'model/ping',
        field: 'variantOf',
        message: kbMessages.variantCycle(['model/ping', 'model/pong', 'model/ping']),
      },
    ];
    expect(stderr).toBe(`${formatProblems(expected)}\n`);
  });

  test('one unclosed bracket in data/ is one problem: file:line:column, a whole message, the line and a caret', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-check-'));
    await cp(DATA_DIR, dir, { recursive: true });
    const text = await readFile(join(dir, 'models.yaml'), 'utf8');
    const lines = text.split('\n');
    const index = lines.indexOf('    aliases: [GPT2, GPT 2]');
    expect(index).toBeGreaterThan(0);
    lines[index] = '    aliases: [GPT2, GPT 2';
    await writeFile(join(dir, 'models.yaml'), lines.join('\n'));
    // Was: every syntax error the parser met after it, cut at "column 5:", and each id of the file "unknown".
    const { code, stdout, stderr } = await kbCheck(dir);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const line = String(index + 1).padStart(3);
    expect(stderr).toBe(
      [
        'The knowledge base has 1 problem:',
        `  - ${join(dir, 'models.yaml')}:${index + 1}:26: YAML syntax error: "[" is never closed; add "]" here`,
        `    ${line} |     aliases: [GPT2, GPT 2`,
        '        |                          ^',
        '',
      ].join('\n'),
    );
  });
});

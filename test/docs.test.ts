import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { runTsx } from './support/processes.ts';

const ROOT = new URL('../', import.meta.url).pathname;
const readme = readFileSync(`${ROOT}README.md`, 'utf8');
const docs = readdirSync(`${ROOT}docs`).filter((f) => f.endsWith('.md'));

describe('the README and docs/', () => {
  test('the README stays short: at most 200 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
  });

  test("the README's sample answer is what the command prints today", async () => {
    const block = /<!-- sample:ask (.+?) -->\n```\n([\s\S]*?)\n```\n<!-- \/sample -->/.exec(readme);
    expect(block).not.toBeNull();
    const [, question = '', shown = ''] = block ?? [];
    const { code, stdout } = await runTsx(['src/cli/ask.ts', question]);
    expect(code).toBe(0);
    expect(shown).toBe(stdout.replace(/\n+$/, ''));
  });

  test('nothing points outside the repository, and every file it names exists', () => {
    const files: [string, string][] = [
      ['README.md', readme],
      ...docs.map((d): [string, string] => [`docs/${d}`, readFileSync(`${ROOT}docs/${d}`, 'utf8')]),
    ];
    for (const [name, text] of files) {
      expect(text, name).not.toMatch(/\.\.\/shared|\/work\/|\]\(\.\.\//);
      const base = name.startsWith('docs/') ? `${ROOT}docs/` : ROOT;
      for (const m of text.matchAll(/\]\(((?!https?:|#)[^)\s]+)\)/g))
        expect(existsSync(base + (m[1] ?? '')), `${name} → ${m[1]}`).toBe(true);
      for (const m of text.matchAll(
        /`((?:docs|src|test|data|bench|scripts)\/[\w./-]+\.(?:md|ts|yaml|json|png))`/g,
      ))
        expect(existsSync(ROOT + (m[1] ?? '')), `${name} → ${m[1]}`).toBe(true);
    }
  });
});

import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { topicsOf } from '../../src/core/answer.ts';
import { quizQuestion } from '../../src/core/quiz.ts';
import { respond } from '../../src/core/respond.ts';
import { tourOf } from '../../src/core/tour.ts';
import type { KnowledgeBase } from '../../src/kb/graph.ts';
import { loadKnowledgeBase } from '../../src/kb/loader.ts';
import { answerToCard } from '../../src/render/card.ts';
import { cardToHomeView } from '../../src/render/slack.ts';
import { cardToText } from '../../src/render/text.ts';
import { DATA_DIR } from '../support/kb.ts';

// The taxonomy's shape lives in data/: renaming a dimension and adding one is a YAML-only change,
// and every feature that walks the taxonomy shows the result.

const run = promisify(execFile);

const LICENSE = `
  - id: dimension/license
    kind: dimension
    provenance: cheatsheet
    title: By license
    noun: license
    aliases: [license, licenses, licensing]
    summary: Whether anyone may download and run the model's weights.
    categories: [license/open-weights, license/closed]

  - id: license/open-weights
    kind: category
    provenance: cheatsheet
    title: Open weights
    summary: The weights can be downloaded and run by anyone who accepts the license.
    examples: [model/llama, model/bert]

  - id: license/closed
    kind: category
    provenance: cheatsheet
    title: Closed weights
    summary: The model is only reachable through its maker's products and API.
    examples: [model/gpt-4]
`;

/** Renames modality → media everywhere (ids, placements, title) and adds a license dimension, in YAML alone. */
async function reshape(dir: string): Promise<void> {
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.yaml'))) {
    const path = join(dir, name);
    let text = (await readFile(path, 'utf8'))
      .replaceAll('modality/', 'media/')
      .replaceAll('dimension/modality', 'dimension/media')
      .replaceAll('      modality: [', '      media: [')
      .replace('title: By modality', 'title: By media')
      .replace('aliases: [modality, modalities,', 'aliases: [media, media types, modality, modalities,');
    if (name === 'taxonomy.yaml')
      text = `${text.replace('      - dimension/data\n', '      - dimension/data\n      - dimension/license\n')}${LICENSE}`;
    if (name === 'models.yaml') {
      const place = (id: string, category: string) => {
        const at = text.indexOf('    placements:\n', text.indexOf(`  - id: ${id}\n`));
        text = `${text.slice(0, at)}    placements:\n      license: [${category}]\n${text.slice(at + '    placements:\n'.length)}`;
      };
      place('model/llama', 'license/open-weights');
      place('model/bert', 'license/open-weights');
      place('model/gpt-4', 'license/closed');
    }
    await writeFile(path, text);
  }
}

describe('a dimension renamed and another added, in YAML only', () => {
  let dir = '';
  let kb: KnowledgeBase;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-dims-'));
    await cp(DATA_DIR, dir, { recursive: true });
    await reshape(dir);
    kb = await loadKnowledgeBase(dir);
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('kb:check passes on the new data', async () => {
    const { stdout } = await run('npx', ['tsx', 'src/cli/kb-check.ts', dir]);
    expect(stdout).toMatch(/^Knowledge base OK/);
    expect(stdout).toMatch(/media\s+5/);
    expect(stdout).toMatch(/license\s+2/);
  });

  test('"what are the license categories" lists the new dimension', () => {
    const answer = respond(kb, { type: 'question', text: 'what are the license categories' });
    expect(answer.kind).toBe('list');
    expect(topicsOf(answer).slice(0, 3)).toEqual([
      'dimension/license',
      'license/open-weights',
      'license/closed',
    ]);
    const models = respond(kb, { type: 'question', text: 'which models have open weights' });
    expect(models.kind === 'list' && models.items.map((i) => i.id)).toEqual(['model/llama', 'model/bert']);
  });

  test('the overview, help and the Slack Home tab count and show both', () => {
    const overview = cardToText(
      answerToCard(respond(kb, { type: 'question', text: 'ways to classify models' })),
    );
    expect(overview).toContain('By license');
    expect(overview).toContain('By media');
    expect(overview).not.toContain('By modality');
    const help = answerToCard(respond(kb, { type: 'help' }));
    expect(cardToText(help)).toContain('7 ways to classify');
    const home = JSON.stringify(cardToHomeView(help));
    expect(home).toContain('By license');
    expect(home).toContain('Open weights');
  });

  test('the tour has a page for the new dimension and counts seven ways', () => {
    const pages = tourOf(kb).pages.map((p) => p.title);
    expect(pages[0]).toBe('7 ways to classify models');
    expect(pages).toContain('By license');
    expect(pages).toContain('By media');
  });

  test('the quiz asks about the new dimension', () => {
    const questions = Array.from({ length: 50 }, (_, i) => quizQuestion(kb, i + 1, 'dimension/license'));
    expect(questions.every((q) => q?.options.every((o) => o.id.startsWith('license/')))).toBe(true);
    expect(questions.some((q) => q?.prompt.includes('where does'))).toBe(true);
    const all = Array.from({ length: 400 }, (_, i) => quizQuestion(kb, i + 1));
    expect(all.some((q) => q?.options.some((o) => o.id.startsWith('media/')))).toBe(true);
  });
});

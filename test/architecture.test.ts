import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

// The layers point one way: kb → core → render → adapters → app. These tests read the imports of
// every source file, so a wrong-way import or a cycle fails here rather than in review.

const ROOT = resolve(new URL('..', import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    if (d.isDirectory()) return sourceFiles(join(dir, d.name));
    return d.name.endsWith('.ts') ? [join(dir, d.name)] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** Each file's imports: project files as paths from the root, packages by name. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(IMPORT)].flatMap((m) => {
    const spec = m[1] ?? m[2];
    if (spec === undefined) return [];
    return spec.startsWith('.') ? [relative(ROOT, resolve(dirname(join(ROOT, file)), spec))] : [spec];
  });
}

const files = [...sourceFiles('src'), ...sourceFiles('commands')];
const graph = new Map(files.map((f) => [f, importsOf(f)]));

function importersOf(layer: string, target: (spec: string) => boolean): string[] {
  return files
    .filter((f) => f.startsWith(layer))
    .flatMap((f) => (graph.get(f) ?? []).filter(target).map((spec) => `${f} → ${spec}`));
}

describe('the layers', () => {
  test('read real imports (the check itself works)', () => {
    expect(graph.get('src/core/respond.ts')).toContain('src/core/ask.ts');
    expect(graph.get('src/app.ts')).toContain('src/adapters/discord/client.ts');
  });

  test('the knowledge base layer imports nothing above it', () => {
    expect(importersOf('src/kb/', (s) => /^src\/(core|render|adapters|app|main|runtime)/.test(s))).toEqual(
      [],
    );
  });

  test('the core never imports a renderer, an adapter or a platform library', () => {
    expect(
      importersOf('src/core/', (s) => /^src\/(render|adapters|app|main)|^discord\.js$|^@slack\//.test(s)),
    ).toEqual([]);
  });

  test('renderers never import adapters, and each platform library only in its own converter', () => {
    expect(importersOf('src/render/', (s) => s.startsWith('src/adapters'))).toEqual([]);
    expect(importersOf('src/render/', (s) => s === 'discord.js')).toEqual([
      'src/render/discord.ts → discord.js',
    ]);
    expect(importersOf('src/render/', (s) => s.startsWith('@slack/'))).toEqual([
      'src/render/slack.ts → @slack/bolt',
    ]);
  });

  test('adapters reach the core through respond alone', () => {
    expect(
      importersOf('src/adapters/', (s) => s.startsWith('src/core/') && s !== 'src/core/respond.ts'),
    ).toEqual([]);
  });

  test('only the composition root loads platform libraries, and only when configured (dynamically)', () => {
    const staticPlatform = files.flatMap((f) => {
      const text = readFileSync(join(ROOT, f), 'utf8');
      return /^import (?!type)[^;]*from '\.\/adapters\/(discord|slack)\//m.test(text) ? [f] : [];
    });
    expect(staticPlatform).toEqual([]);
  });
});

describe('imports', () => {
  test('have no cycles anywhere', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const next of graph.get(file) ?? []) if (graph.has(next)) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });
});

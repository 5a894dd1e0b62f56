import { KbLoadError, type KbProblem } from '../../src/kb/errors.ts';
import {
  buildKnowledgeBase,
  type KbSource,
  type KnowledgeBase,
  loadKnowledgeBase,
} from '../../src/kb/loader.ts';

export const DATA_DIR = new URL('../../data/', import.meta.url).pathname;

let real: Promise<KnowledgeBase> | undefined;
/** The real knowledge base in data/, loaded once per test file. */
export function realKb(): Promise<KnowledgeBase> {
  real ??= loadKnowledgeBase(DATA_DIR);
  return real;
}

/** A small valid knowledge base as YAML sources, for tests that break one thing at a time. */
export function miniSources(): KbSource[] {
  return [
    {
      file: 'data/root.yaml',
      text: `meta:
  asOf: June 2025
entries:
  - id: taxonomy
    kind: root
    provenance: cheatsheet
    title: Taxonomy
    summary: The ways to classify models.
    dimensions: [dimension/scale]
  - id: dimension/scale
    kind: dimension
    provenance: cheatsheet
    title: By scale
    summary: How big a model is.
    categories: [scale/small]
`,
    },
    {
      file: 'data/models.yaml',
      text: `entries:
  - id: scale/small
    kind: category
    provenance: cheatsheet
    title: Small models
    summary: Under 1B parameters.
    examples: [model/tiny]
  - id: model/tiny
    kind: model
    provenance: cheatsheet
    title: Tiny
    aliases: [TinyNet]
    summary: A tiny model.
    placements:
      scale: [scale/small]
`,
    },
  ];
}

export function buildMini(edit: (sources: KbSource[]) => void): KnowledgeBase {
  const sources = miniSources();
  edit(sources);
  return buildKnowledgeBase(sources);
}

/** The problems a broken copy of the small knowledge base is rejected with. */
export function problemsOf(edit: (sources: KbSource[]) => void): readonly KbProblem[] {
  try {
    buildMini(edit);
  } catch (err) {
    if (err instanceof KbLoadError) return err.problems;
    throw err;
  }
  throw new Error('expected the knowledge base to be rejected');
}

/** Edits one fixture file's text, failing loudly when the edit does not apply. */
export function replaceIn(sources: KbSource[], file: number, from: string | RegExp, to: string): void {
  const source = sources[file];
  if (!source) throw new Error(`no source ${file}`);
  const next = source.text.replace(from, to);
  if (next === source.text) throw new Error(`fixture edit did not apply: ${String(from)}`);
  source.text = next;
}

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

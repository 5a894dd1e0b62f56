import { describe, expect, test } from 'vitest';
import { nameKey } from '../../src/kb/normalize.ts';
import type { Entry } from '../../src/kb/schema.ts';
import { realKb } from '../support/kb.ts';

// The ids kb-spec.md makes a public contract.
const SPEC_IDS = {
  dimension: ['architecture', 'training', 'scale', 'modality', 'purpose', 'data'],
  architecture: ['transformer', 'recurrent', 'convolutional', 'hybrid'],
  training: ['autoregressive', 'masked-lm', 'encoder-decoder', 'rlhf'],
  scale: ['small', 'medium', 'large', 'very-large'],
  modality: ['text', 'multimodal', 'vision', 'audio', 'code'],
  purpose: ['foundation', 'specialized', 'conversational', 'code-generation', 'reasoning'],
  data: ['web', 'curated', 'domain-specific', 'synthetic'],
  concept: [
    'self-attention',
    'multi-head-attention',
    'hidden-state',
    'lstm-gates',
    'convolution',
    'feature-map',
  ],
} as const;

const SPEC_MODELS = [
  'GPT',
  'GPT-2',
  'GPT-3',
  'GPT-4',
  'GPT-4V',
  'ChatGPT',
  'LLaMA',
  'PaLM',
  'PaLM-62B',
  'PaLM-540B',
  'PaLM-2',
  'BERT',
  'RoBERTa',
  'DeBERTa',
  'DistilBERT',
  'MobileBERT',
  'BioBERT',
  'FinBERT',
  'T5',
  'T5-Base',
  'BART',
  'UL2',
  'Claude',
  'Claude 3',
  'Bard',
  'DALL-E',
  'Flamingo',
  'CLIP',
  'ALIGN',
  'Whisper',
  'MusicLM',
  'Codex',
  'CodeT5',
  'GitHub Copilot',
  'StarCoder',
];

function slugOf(name: string): string {
  return name.toLowerCase().replace(/[ .]/g, '-');
}

function need<K extends Entry['kind']>(entry: Entry | undefined, kind: K): Extract<Entry, { kind: K }> {
  expect(entry?.kind).toBe(kind);
  return entry as Extract<Entry, { kind: K }>;
}

describe('the real knowledge base', () => {
  test('has the root with the six dimensions in order and an as-of date', async () => {
    const kb = await realKb();
    const root = need(kb.byId.get('taxonomy'), 'root');
    expect(root.dimensions).toEqual(SPEC_IDS.dimension.map((d) => `dimension/${d}`));
    expect(kb.meta.asOf).toBe('June 2025');
  });

  test('has every id kb-spec.md names, each dimension listing its categories', async () => {
    const kb = await realKb();
    for (const [group, slugs] of Object.entries(SPEC_IDS)) {
      for (const slug of slugs) expect(kb.byId.has(`${group}/${slug}`), `${group}/${slug}`).toBe(true);
    }
    for (const dim of SPEC_IDS.dimension) {
      const d = need(kb.byId.get(`dimension/${dim}`), 'dimension');
      const expected = (SPEC_IDS as Record<string, readonly string[]>)[dim]?.map((s) => `${dim}/${s}`);
      expect(d.categories).toEqual(expected);
    }
  });

  test('gives each architecture formulas (LaTeX and Unicode), complexity, pros, cons and analogy', async () => {
    const kb = await realKb();
    for (const slug of SPEC_IDS.architecture) {
      const a = need(kb.byId.get(`architecture/${slug}`), 'architecture');
      expect(a.formulas.length).toBeGreaterThan(0);
      for (const f of a.formulas) {
        expect(f.latex).toMatch(/\S/);
        expect(f.unicode).not.toMatch(/\\[a-z]+/);
      }
      expect(a.complexity.time && a.complexity.memory).toBeTruthy();
      expect(a.pros.length && a.cons.length).toBeGreaterThan(0);
      expect(a.analogy).toMatch(/\S/);
    }
    const transformer = need(kb.byId.get('architecture/transformer'), 'architecture');
    expect(transformer.formulas.map((f) => f.unicode)).toContain('Attention(Q,K,V) = softmax(QKᵀ/√dₖ)V');
    expect(transformer.complexity.memory).toContain('O(n²)');
    expect(need(kb.byId.get('architecture/recurrent'), 'architecture').complexity.memory).toContain('O(n)');
  });

  test('gives each training approach examples, pros, cons and analogy', async () => {
    const kb = await realKb();
    for (const slug of SPEC_IDS.training) {
      const t = need(kb.byId.get(`training/${slug}`), 'training');
      expect(t.examples.length).toBeGreaterThan(0);
      expect(t.pros.length && t.cons.length).toBeGreaterThan(0);
      expect(t.analogy).toMatch(/\S/);
    }
    expect(need(kb.byId.get('training/masked-lm'), 'training').analogy).toMatch(/fill-in-the-blank/);
  });

  test('gives every scale, modality and purpose category examples, and scale a range', async () => {
    const kb = await realKb();
    for (const group of ['scale', 'modality', 'purpose'] as const) {
      for (const slug of SPEC_IDS[group]) {
        const c = need(kb.byId.get(`${group}/${slug}`), 'category');
        expect(c.examples.length, c.id).toBeGreaterThan(0);
        if (group === 'scale') expect(c.range?.label).toMatch(/parameters/);
      }
    }
    for (const slug of SPEC_IDS.data)
      expect(need(kb.byId.get(`data/${slug}`), 'category').examplesText).toBeTruthy();
  });

  test('links each concept to its architecture and its formulas', async () => {
    const kb = await realKb();
    for (const slug of SPEC_IDS.concept) {
      const c = need(kb.byId.get(`concept/${slug}`), 'concept');
      expect(kb.byId.get(c.architecture ?? '')?.kind).toBe('architecture');
      expect(kb.graph.formulas.get(c.id)?.length, c.id).toBeGreaterThan(0);
    }
    expect(kb.graph.formulas.get('concept/lstm-gates')).toHaveLength(3);
  });

  test('has every named model, findable by its name, placed where the seed places it', async () => {
    const kb = await realKb();
    for (const name of SPEC_MODELS) {
      const id = `model/${slugOf(name)}`;
      const m = need(kb.byId.get(id), 'model');
      expect(kb.byName.get(nameKey(name)), name).toBe(id);
      expect(Object.values(m.placements).flat().length, id).toBeGreaterThan(0);
    }
    const gpt3 = need(kb.byId.get('model/gpt-3'), 'model');
    expect(gpt3.placements.scale).toEqual(['scale/large']);
    expect(gpt3.note).toMatch(/175B/);
    expect(need(kb.byId.get('model/t5-base'), 'model').note).toMatch(/220M/);
    expect(need(kb.byId.get('model/claude'), 'model').placements.purpose).toEqual([
      'purpose/conversational',
      'purpose/reasoning',
    ]);
  });

  test('knows the other names people use', async () => {
    const kb = await realKb();
    const expectations: [string, string][] = [
      ['LSTM', 'architecture/recurrent'],
      ['GRU', 'architecture/recurrent'],
      ['RNN', 'architecture/recurrent'],
      ['CNN', 'architecture/convolutional'],
      ['MLM', 'training/masked-lm'],
      ['BERT-style', 'training/masked-lm'],
      ['seq2seq', 'training/encoder-decoder'],
      ['GPT-style', 'training/autoregressive'],
      ['RLHF', 'training/rlhf'],
    ];
    for (const [name, id] of expectations) expect(kb.byName.get(nameKey(name)), name).toBe(id);
  });

  test('keeps the key difference line on the architecture dimension', async () => {
    const kb = await realKb();
    const d = need(kb.byId.get('dimension/architecture'), 'dimension');
    expect(d.keyDifference).toMatch(/parallel attention.*sequential states.*local convolutions/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { topicsOf } from '../../src/core/answer.ts';
import { ask } from '../../src/core/ask.ts';
import { completeQuestion } from '../../src/core/complete.ts';
import { quizQuestion } from '../../src/core/quiz.ts';
import { respond } from '../../src/core/respond.ts';
import { tourOf } from '../../src/core/tour.ts';
import { KbLoadError } from '../../src/kb/errors.ts';
import type { Entry } from '../../src/kb/schema.ts';
import { toDiscord, toSlack, toText } from '../support/answers.ts';
import { buildMini, realKb } from '../support/kb.ts';

// The ids the glossary issue fixes; other tools and tests rely on them.
const GLOSSARY_IDS = [
  'token',
  'parameter',
  'embedding',
  'context-window',
  'positional-encoding',
  'pre-training',
  'fine-tuning',
  'instruction-tuning',
  'reward-model',
  'ppo',
  'decoder-only',
  'encoder-only',
  'vanishing-gradient',
  'scaling-laws',
].map((slug) => `concept/${slug}`);

function get(kb: Awaited<ReturnType<typeof realKb>>, id: string): Entry {
  const e = kb.byId.get(id);
  if (!e) throw new Error(`no ${id}`);
  return e;
}

describe('the glossary', () => {
  test('has every entry, marked as ours, with a summary, details and an analogy', async () => {
    const kb = await realKb();
    for (const id of GLOSSARY_IDS) {
      const e = get(kb, id);
      expect(e.provenance, id).toBe('glossary');
      expect(e.summary.length, id).toBeGreaterThan(30);
      expect(e.details?.length ?? 0, id).toBeGreaterThan(100);
      expect(e.kind === 'concept' && e.analogy, id).toBeTruthy();
    }
    expect(kb.entries.filter((e) => e.provenance === 'glossary').map((e) => e.id)).toEqual(GLOSSARY_IDS);
    expect(kb.entries.filter((e) => e.provenance === 'cheatsheet')).toHaveLength(74);
  });

  test('gives PPO, positional encoding and scaling laws their standard formulas in LaTeX and Unicode', async () => {
    const kb = await realKb();
    const formulas = (id: string) => kb.graph.formulas.get(id) ?? [];
    expect(
      formulas('concept/ppo')
        .map((f) => f.unicode)
        .join(' '),
    ).toMatch(/clip\(r.*1−ε, 1\+ε\)/);
    expect(
      formulas('concept/positional-encoding')
        .map((f) => f.unicode)
        .join(' '),
    ).toMatch(/sin\(pos.*cos\(pos/s);
    expect(formulas('concept/scaling-laws').some((f) => /\^α/.test(f.unicode))).toBe(true);
    for (const id of GLOSSARY_IDS)
      for (const f of formulas(id)) {
        expect(f.latex, `${id} ${f.name}`).toMatch(/\S/);
        expect(f.unicode, `${id} ${f.name}`).not.toMatch(/\\[a-z]+/);
      }
  });

  test('links to the cheat sheet both ways', async () => {
    const kb = await realKb();
    const pairs: [string, string][] = [
      ['concept/reward-model', 'training/rlhf'],
      ['concept/ppo', 'training/rlhf'],
      ['concept/decoder-only', 'training/autoregressive'],
      ['concept/decoder-only', 'architecture/transformer'],
      ['concept/decoder-only', 'model/gpt-3'],
      ['concept/encoder-only', 'training/masked-lm'],
      ['concept/encoder-only', 'model/bert'],
      ['concept/vanishing-gradient', 'architecture/recurrent'],
      ['concept/vanishing-gradient', 'concept/lstm-gates'],
      ['concept/parameter', 'dimension/scale'],
      ['concept/parameter', 'scale/small'],
      ['concept/parameter', 'scale/very-large'],
    ];
    for (const [a, b] of pairs) {
      expect(get(kb, a).related, `${a} → ${b}`).toContain(b);
      expect(get(kb, b).related, `${b} → ${a}`).toContain(a);
    }
  });

  test('kb:check refuses a link from the glossary that the cheat sheet does not return', () => {
    const problems = (() => {
      try {
        buildMini((s) => {
          const models = s[1];
          if (!models) throw new Error('no models file');
          models.text += `  - id: concept/tiny-idea
    kind: concept
    provenance: glossary
    title: Tiny idea
    summary: An idea of ours.
    related: [model/tiny]
`;
        });
      } catch (err) {
        if (err instanceof KbLoadError) return err.problems;
        throw err;
      }
      return [];
    })();
    expect(problems).toContainEqual(
      expect.objectContaining({
        entry: 'concept/tiny-idea',
        field: 'related[0]',
        message: expect.stringMatching(/does not link back; add "concept\/tiny-idea"/),
      }),
    );
  });

  test('each entry is the first topic for its name and for at least two paraphrases', async () => {
    const kb = await realKb();
    const text = readFileSync(new URL('../fixtures/questions.yaml', import.meta.url), 'utf8');
    const block = text.slice(text.indexOf('# --- glossary'));
    const cases = parse(block) as { q: string; expect: string | string[]; also?: string[] }[];
    for (const id of GLOSSARY_IDS) {
      const own = cases.filter((c) => c.expect === id);
      const right = own.filter((c) => {
        const first = topicsOf(ask(kb, c.q))[0];
        return first === id || (first !== undefined && (c.also ?? []).includes(first));
      });
      expect(own.length, id).toBeGreaterThanOrEqual(3);
      expect(
        right.map((c) => c.q),
        id,
      ).toHaveLength(own.length >= 3 ? right.length : 3);
      expect(right.length, `${id}: ${own.map((c) => c.q).join(' | ')}`).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('provenance on every answer', () => {
  test('says glossary or cheat sheet in the footer on Discord, Slack and the terminal', async () => {
    const kb = await realKb();
    const glossary = ask(kb, 'what is a token');
    const seed = ask(kb, 'what is rlhf');
    const both = ask(kb, 'fine-tuning vs rlhf');
    const footers = (a: typeof seed) => [
      String(toDiscord(a).embeds[0]?.footer?.text),
      JSON.stringify(toSlack(a).blocks),
      toText(a).split('\n').at(-1) ?? '',
    ];
    for (const f of footers(glossary)) expect(f).toMatch(/From our glossary/);
    for (const f of footers(seed)) expect(f).toMatch(/From the cheat sheet · products as of June 2025/);
    for (const f of footers(both))
      expect(f).toMatch(/From the cheat sheet \(products as of June 2025\) and our glossary/);
  });
});

describe('the glossary in the other features', () => {
  test('the taxonomy overview has a basics line', async () => {
    const text = toText(ask(await realKb(), 'ways to classify models'));
    expect(text).toMatch(/Basics \(from our glossary\): Token, Parameter, Embedding/);
  });

  test('the tour has a basics page before the architectures', async () => {
    const pages = tourOf(await realKb()).pages.map((p) => p.title);
    expect(pages.indexOf('The basics')).toBe(1);
    expect(pages.indexOf('By architecture')).toBe(2);
  });

  test('the quiz asks about the basics, and no question names its own answer', async () => {
    const kb = await realKb();
    const questions = Array.from({ length: 600 }, (_, i) => quizQuestion(kb, i + 1));
    const basics = questions.filter((q) => q?.options.every((o) => GLOSSARY_IDS.includes(o.id)));
    expect(basics.length).toBeGreaterThan(20);
    for (const q of questions) {
      if (!q) continue;
      const answer = q.options[q.correct];
      expect(q.prompt.toLowerCase(), q.prompt).not.toContain(answer?.title.toLowerCase());
    }
  });

  test('autocomplete offers the glossary', async () => {
    const kb = await realKb();
    const labels = completeQuestion(kb, 'what is tok').map((c) => c.suggestion);
    expect(labels.join(' | ')).toMatch(/Token/);
    expect(completeQuestion(kb, 'what is the context win').map((c) => c.question.toLowerCase())).toContain(
      'what is the context window',
    );
  });

  test('compares glossary entries with each other and with the cheat sheet', async () => {
    const kb = await realKb();
    const compared = (q: string) => {
      const a = respond(kb, { type: 'question', text: q });
      return a.kind === 'compare' ? topicsOf(a) : [];
    };
    expect(compared('fine-tuning vs pre-training')).toEqual(['concept/fine-tuning', 'concept/pre-training']);
    expect(compared('instruction tuning vs rlhf')).toEqual(['concept/instruction-tuning', 'training/rlhf']);
    expect(compared('decoder-only vs encoder-only')).toEqual([
      'concept/decoder-only',
      'concept/encoder-only',
    ]);
  });
});

import { describe, expect, test } from 'vitest';
import { topicsOf } from '../../../src/core/answer.ts';
import { ask, trace } from '../../../src/core/ask.ts';
import { fitChoice, fitLogistic, probability } from '../../../src/core/logistic.ts';
import { detectSize, hasCompareCue } from '../../../src/core/stages/cues.ts';
import { FITTED, passesTextGate, scopeScore, shouldAnswer } from '../../../src/core/stages/decision.ts';
import { candidateFor, readIntent } from '../../../src/core/stages/intent.ts';
import { linkMentions } from '../../../src/core/stages/mentions.ts';
import { cleanQuestion, parseQuestion } from '../../../src/core/stages/normalize.ts';
import { rankCandidates } from '../../../src/core/stages/rank.ts';
import { searchText } from '../../../src/core/stages/retrieval.ts';
import { scopeFeatures } from '../../../src/core/stages/scope.ts';
import { realKb } from '../../support/kb.ts';

// Each stage of the question path, on its own. The questions here are written for the tests; none comes
// from a fixture.

describe('1. normalise and correct', () => {
  test('cuts a long question by code point, never inside an emoji', () => {
    const cut = cleanQuestion(`xy${'😀'.repeat(400)}`);
    expect(cut.length).toBeLessThanOrEqual(500);
    expect(/[\uD800-\uDBFF]$/.test(cut)).toBe(false);
  });

  test('corrects typos towards names, but leaves practical words alone', async () => {
    const kb = await realKb();
    expect(parseQuestion(kb.index, 'what is transfomer').words).toContain('transformer');
    expect(parseQuestion(kb.index, 'not enough vram for qunatized').words).toContain('vram');
  });

  test('remembers which words were written like names', async () => {
    const kb = await realKb();
    const q = parseQuestion(kb.index, 'when did OpenAI release CLIP and whisper');
    expect(q.words.indexOf('clip')).toBeGreaterThan(-1);
    expect(q.capitals[q.words.indexOf('clip')]).toBe(true);
    expect(q.capitals[q.words.indexOf('whisper')]).toBe(false);
  });
});

describe('2. mentions', () => {
  test('an everyday word that is also a name counts only where the question names it', async () => {
    const kb = await realKb();
    const linked = (text: string) => linkMentions(kb, parseQuestion(kb.index, text));
    expect(linked('could you whisper the answer quietly').entries.map((e) => e.id)).toEqual([]);
    expect(linked('could you whisper the answer quietly').setAside.map((e) => e.id)).toEqual([
      'model/whisper',
    ]);
    expect(linked('what is whisper').entries.map((e) => e.id)).toEqual(['model/whisper']);
    expect(linked('I tried Whisper on a podcast yesterday').entries.map((e) => e.id)).toEqual([
      'model/whisper',
    ]);
  });

  test('a dimension named beside a model only qualifies the question', async () => {
    const kb = await realKb();
    const linked = linkMentions(kb, parseQuestion(kb.index, 'what modality does flamingo have'));
    expect(linked.entries.map((e) => e.id)).toEqual(['model/flamingo']);
  });
});

describe('3. scope', () => {
  test('scores a practical question that names a model below a conceptual one about it', async () => {
    const kb = await realKb();
    const score = (text: string) => {
      const q = parseQuestion(kb.index, text);
      return scopeScore(scopeFeatures(kb.index, q, linkMentions(kb, q), FITTED.words));
    };
    const conceptual = score('can someone explain how BERT is trained and why it reads in both directions');
    const practical = score('pip install fails when I load BERT on my GPU, CUDA error 12, how do I fix it');
    expect(conceptual).toBeGreaterThan(practical);
    expect(practical).toBeLessThan(FITTED.thresholds.long.scope);
  });

  test('turns away practical questions that merely name a model, offering the model instead', async () => {
    const kb = await realKb();
    for (const text of [
      'how much VRAM do I need to run llama locally on my laptop',
      'whisper keeps timing out when I call the API, any fix?',
      'what is the cheapest GPU to rent for fine-tuning gpt-2 on my own dataset',
    ]) {
      const a = ask(kb, text);
      expect(a.kind, text).toBe('none');
      expect(a.kind === 'none' && a.suggestions.length, text).toBeGreaterThan(0);
    }
  });
});

describe('4. intent', () => {
  test('reads comparisons phrased without "vs"', async () => {
    const kb = await realKb();
    const compared = (text: string) => {
      const a = ask(kb, text);
      return a.kind === 'compare' ? topicsOf(a) : [a.kind];
    };
    expect(compared('how does RoBERTa differ from DeBERTa')).toEqual(['model/roberta', 'model/deberta']);
    expect(compared('gru or transformer for short sensor sequences')).toEqual([
      'architecture/recurrent',
      'architecture/transformer',
    ]);
    expect(compared('is CodeT5 any better than StarCoder')).toEqual(['model/codet5', 'model/starcoder']);
    expect(hasCompareCue(['is', 'x', 'any', 'better', 'than', 'y'])).toBe(true);
  });

  test('a combination of two architectures asks about the hybrid', async () => {
    const topics = topicsOf(
      ask(await realKb(), 'what do you call networks that mix convolution with attention'),
    );
    expect(topics[0]).toBe('architecture/hybrid');
  });

  test('two names for one entry answer that entry', async () => {
    const a = ask(await realKb(), 'GRU vs LSTM');
    expect(a.kind).toBe('topic');
    expect(topicsOf(a)[0]).toBe('architecture/recurrent');
  });

  test('a size asked for is a list; a size in passing is not', async () => {
    const kb = await realKb();
    expect(detectSize('which models are under 2B parameters')).toEqual({ max: 2e9 });
    expect(detectSize('qwen2.5-coder:32b-base')).toBeUndefined();
    const q = parseQuestion(kb.index, 'can my 16 GB card run a 13B model');
    expect(candidateFor(kb, q, linkMentions(kb, q), readIntent(q), FITTED.rank)?.via).not.toBe('size');
  });
});

describe('5. ranking and retrieval', () => {
  test('text search reports coverage, and whether only the long explanation matched', async () => {
    const kb = await realKb();
    const [top] = searchText(kb.index, ['sliding', 'filters']);
    expect(top?.id).toBe('architecture/convolutional');
    expect(top?.coverage).toBeGreaterThan(0.5);
  });

  test('a concept described beside a named model ranks above the model', async () => {
    const kb = await realKb();
    const q = parseQuestion(kb.index, 'in GPT-2, why does one word sometimes become several subtokens');
    const [top] = rankCandidates(kb, q, linkMentions(kb, q), FITTED.rank);
    expect(top?.entry.id).toBe('concept/token');
  });
});

describe('6. decision', () => {
  test('answers only above both fitted thresholds', async () => {
    const kb = await realKb();
    const { evidence } = trace(kb, 'what is a transformer');
    if (!evidence?.candidate) throw new Error('no candidate');
    expect(shouldAnswer(evidence, 1)).toBe(true);
    const strict = { ...FITTED, thresholds: { ...FITTED.thresholds, short: { scope: 1, decision: 1 } } };
    expect(shouldAnswer(evidence, 1, strict)).toBe(false);
  });

  test('a short question found by text alone must match enough of it', async () => {
    const kb = await realKb();
    const { evidence } = trace(kb, 'what is a black hole');
    expect(ask(kb, 'what is a black hole').kind).toBe('none');
    if (evidence?.candidate?.via === 'text')
      expect(passesTextGate(evidence.candidate, FITTED.textGate)).toBe(false);
  });
});

describe('the fitting', () => {
  test('a logistic regression separates what can be separated, and a choice model learns a preference', () => {
    const rows = [0, 1, 2, 3, 4, 5, 6, 7].map((x) => ({ x }));
    const model = fitLogistic(
      ['x'],
      rows,
      rows.map((r) => r.x >= 4),
      { l2: 0.001, iterations: 2000, learningRate: 0.5 },
    );
    expect(probability(model, { x: 7 })).toBeGreaterThan(0.9);
    expect(probability(model, { x: 0 })).toBeLessThan(0.1);
    const groups = [0, 1, 2, 3].map(() => ({ candidates: [{ good: 1 }, { good: 0 }], right: [true, false] }));
    const choice = fitChoice(['good'], groups, { l2: 0.001, iterations: 500, learningRate: 0.5 });
    expect(choice.weights[0]).toBeGreaterThan(0);
  });

  test('the committed weights were fitted on the train split and validate', () => {
    expect(FITTED.trainedOn).toMatch(/train split/);
    expect(FITTED.scope.features.length).toBe(FITTED.scope.weights.length);
    expect(FITTED.decision.features).toContain('scope');
    expect(Object.keys(FITTED.words).length).toBeGreaterThan(100);
  });
});

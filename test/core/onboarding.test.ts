import { describe, expect, test } from 'vitest';
import { type Action, decodeAction, encodeAction } from '../../src/core/actions.ts';
import { ask } from '../../src/core/ask.ts';
import { gradeQuiz, nextQuiz, quizAnswer, tourAnswer } from '../../src/core/onboarding.ts';
import { QUIZ_OPTIONS, quizQuestion } from '../../src/core/quiz.ts';
import { tourOf } from '../../src/core/tour.ts';
import { indexEntries } from '../../src/kb/graph.ts';
import type { Entry } from '../../src/kb/schema.ts';
import { toDiscord as answerToDiscord, toSlack as answerToSlack } from '../support/answers.ts';
import { discordViolations } from '../support/discord-limits.ts';
import type { Json } from '../support/fake-discord.ts';
import { realKb } from '../support/kb.ts';
import { slackViolations } from '../support/slack-limits.ts';

function asJson(x: unknown): Json {
  return JSON.parse(JSON.stringify(x)) as Json;
}

function customIds(reply: Json): string[] {
  return ((reply.components as Json[] | undefined) ?? []).flatMap((row) =>
    (row.components as Json[]).map((c) => String(c.custom_id)),
  );
}

describe('the tour', () => {
  test('covers every dimension and every category on some page', async () => {
    const kb = await realKb();
    const text = JSON.stringify(tourOf(kb).pages);
    for (const e of kb.entries.filter(
      (x) =>
        x.kind === 'dimension' || x.kind === 'category' || x.kind === 'architecture' || x.kind === 'training',
    )) {
      expect(text, e.id).toContain(JSON.stringify(e.title));
    }
    const pages = tourOf(kb).pages.map((p) => p.title);
    expect(pages[0]).toBe('6 ways to classify models');
    expect(pages.at(-1)).toBe('What to ask next');
    expect(pages).toContain('Transformer-based');
    expect(pages).toContain('Reinforcement Learning from Human Feedback (RLHF)');
  });

  test('grows a page when the knowledge base grows a dimension, with no code change', async () => {
    const kb = await realKb();
    const extra: Entry[] = [
      {
        id: 'dimension/license',
        kind: 'dimension',
        provenance: 'cheatsheet',
        title: 'By license',
        aliases: [],
        keywords: [],
        related: [],
        summary: 'Whether the weights are open.',
        categories: ['data/open-weights'],
      },
      {
        id: 'data/open-weights',
        kind: 'category',
        provenance: 'cheatsheet',
        title: 'Open weights',
        aliases: [],
        keywords: [],
        related: [],
        summary: 'Anyone can download the weights.',
        examples: ['model/llama'],
      },
    ];
    const entries = kb.entries.map((e) =>
      e.kind === 'root' ? { ...e, dimensions: [...e.dimensions, 'dimension/license'] } : e,
    );
    const grown = indexEntries(kb.meta, [...entries, ...extra]);
    const before = tourOf(kb).pages.length;
    const after = tourOf(grown).pages;
    expect(after).toHaveLength(before + 1);
    expect(after.map((p) => p.title)).toContain('By license');
    expect(tourOf(grown).version).not.toBe(tourOf(kb).version);
  });

  test('every page fits Discord and Slack, with custom_ids of at most 100 characters', async () => {
    const kb = await realKb();
    const total = tourOf(kb).pages.length;
    for (let page = 1; page <= total; page++) {
      const answer = tourAnswer(kb, page);
      if (!answer) throw new Error(`no page ${page}`);
      const discord = asJson(answerToDiscord(answer));
      expect(discordViolations(discord), `page ${page}`).toEqual([]);
      for (const id of customIds(discord)) expect(id.length).toBeLessThanOrEqual(100);
      expect(new Set(customIds(discord)).size).toBe(customIds(discord).length);
      expect(slackViolations(asJson(answerToSlack(answer))), `page ${page}`).toEqual([]);
      // A jump to every topic on the page, as a button or a menu option, on both platforms.
      const discordText = JSON.stringify(discord.components);
      const slackText = JSON.stringify(answerToSlack(answer).blocks);
      for (const topic of answer.kind === 'tour' ? answer.content.topics : []) {
        expect(discordText, `${topic.id} on page ${page}`).toContain(topic.id);
        expect(slackText, `${topic.id} on page ${page}`).toContain(topic.id);
      }
    }
  });

  test('is what "tour", "start the tour", "I\'m new" and "onboard me" ask for', async () => {
    const kb = await realKb();
    for (const q of ['tour', 'start the tour', "I'm new here", 'onboard me', 'give me the tour']) {
      const a = ask(kb, q);
      expect(a.kind, q).toBe('tour');
      if (a.kind === 'tour') expect(a.page, q).toBe(1);
    }
    const architectures = ask(kb, 'tour of the architectures');
    expect(architectures.kind === 'tour' && architectures.content.title).toBe('By architecture');
  });

  test('refuses a page that does not exist or a tour that has changed', async () => {
    const kb = await realKb();
    expect(tourAnswer(kb, 0)).toBeUndefined();
    expect(tourAnswer(kb, 999)).toBeUndefined();
    expect(tourAnswer(kb, 2, 'ffffff')).toBeUndefined();
    expect(tourAnswer(kb, 2, tourOf(kb).version)?.kind).toBe('tour');
  });
});

describe('the quiz', () => {
  test('over 1,000 seeds: four distinct options, exactly one right, an explanation, the same question for the same seed', async () => {
    const kb = await realKb();
    const prompts = new Set<string>();
    for (let seed = 1; seed <= 1000; seed++) {
      const q = quizQuestion(kb, seed);
      if (!q) throw new Error(`no question for seed ${seed}`);
      expect(q.options).toHaveLength(QUIZ_OPTIONS);
      expect(new Set(q.options.map((o) => o.id)).size).toBe(QUIZ_OPTIONS);
      expect(q.correct).toBeGreaterThanOrEqual(0);
      expect(q.correct).toBeLessThan(QUIZ_OPTIONS);
      const rights = q.options.filter(
        (_, i) =>
          gradeQuiz(kb, seed, undefined, 0, i, q.version)?.kind === 'quiz' &&
          (gradeQuiz(kb, seed, undefined, 0, i, q.version) as { result?: { right: boolean } }).result?.right,
      );
      expect(rights).toHaveLength(1);
      expect(q.explanation.length).toBeGreaterThan(10);
      expect(quizQuestion(kb, seed)).toEqual(q);
      prompts.add(q.prompt);
    }
    // Variety: the generator draws on analogies, formulas, pros and cons, and placements.
    expect(prompts.size).toBeGreaterThan(40);
    expect([...prompts].some((p) => p.startsWith("In layman's terms"))).toBe(true);
    expect([...prompts].some((p) => p.includes('formula'))).toBe(true);
    expect([...prompts].some((p) => p.includes('where does'))).toBe(true);
    expect([...prompts].some((p) => /strength|weakness/.test(p))).toBe(true);
  });

  test('a topic narrows the questions to one dimension', async () => {
    const kb = await realKb();
    for (let seed = 1; seed <= 200; seed++) {
      const q = quizQuestion(kb, seed, 'dimension/training');
      expect(q?.options.every((o) => o.id.startsWith('training/'))).toBe(true);
    }
    const a = ask(kb, 'quiz me on training approaches', { seed: 7 });
    expect(a.kind === 'quiz' && a.question.topic?.id).toBe('dimension/training');
    expect(ask(kb, 'quiz', { seed: 7 }).kind).toBe('quiz');
  });

  test('grades from the seed alone, carries the streak, and moves on', async () => {
    const kb = await realKb();
    const first = quizAnswer(kb, 42, undefined, 3);
    if (first?.kind !== 'quiz') throw new Error('no question');
    const q = first.question;
    const right = gradeQuiz(kb, 42, undefined, 3, q.correct, q.version);
    expect(right).toMatchObject({ streak: 4, result: { chosen: q.correct, right: true } });
    const wrong = gradeQuiz(kb, 42, undefined, 3, (q.correct + 1) % QUIZ_OPTIONS, q.version);
    expect(wrong).toMatchObject({ streak: 0, result: { right: false } });
    const next = nextQuiz(kb, 42, undefined, 4, q.version);
    expect(next?.kind === 'quiz' && next.question.seed).not.toBe(42);
    expect(gradeQuiz(kb, 42, undefined, 3, 9, q.version)).toBeUndefined();
    expect(gradeQuiz(kb, 42, undefined, 3, 0, 'ffffff')).toBeUndefined();
  });

  test('every question and result fits Discord and Slack, with short, unique custom_ids', async () => {
    const kb = await realKb();
    for (let seed = 1; seed <= 150; seed++) {
      const asked = quizAnswer(kb, seed, seed % 2 ? 'dimension/architecture' : undefined, 12);
      if (asked?.kind !== 'quiz') continue;
      const graded = gradeQuiz(kb, seed, asked.question.topic?.id, 12, 0, asked.question.version);
      for (const a of [asked, graded]) {
        if (!a) continue;
        const discord = asJson(answerToDiscord(a));
        expect(discordViolations(discord)).toEqual([]);
        for (const id of customIds(discord)) expect(id.length).toBeLessThanOrEqual(100);
        expect(new Set(customIds(discord)).size).toBe(customIds(discord).length);
        expect(slackViolations(asJson(answerToSlack(a)))).toEqual([]);
      }
    }
  });
});

describe('tour and quiz actions', () => {
  test('round-trip through custom_id; tampered ones decode to nothing', () => {
    const actions: Action[] = [
      { type: 'tour', page: 3, version: 'a1b2c3' },
      {
        type: 'quiz-answer',
        seed: 123456789,
        topic: 'dimension/training',
        streak: 5,
        choice: 2,
        version: 'a1b2c3',
      },
      { type: 'quiz-answer', seed: 1, streak: 0, choice: 0, version: 'a1b2c3' },
      { type: 'quiz-next', seed: 99, topic: 'dimension/scale', streak: 1, version: 'a1b2c3' },
      { type: 'quiz-start' },
    ];
    for (const a of actions) expect(decodeAction(encodeAction(a))).toEqual(a);
    for (const bad of [
      'llm:tour:0:a1b2c3',
      'llm:tour:x:a1b2c3',
      'llm:tour:2',
      'llm:tour:2:ZZZ',
      'llm:qa:1:-:0:9:a1b2c3:extra',
      'llm:qa:!!:-:0:1:a1b2c3',
      'llm:qn:1:Bad Topic:0:a1b2c3',
    ]) {
      expect(decodeAction(bad), bad).toBeUndefined();
    }
  });
});

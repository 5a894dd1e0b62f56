import { expect } from 'vitest';
import type { Answer } from '../../src/core/answer.ts';

const KINDS = ['topic', 'compare', 'list', 'help', 'tour', 'quiz', 'none'];

/** Asserts the invariants every answer keeps, whatever the question. */
export function expectWellFormed(answer: Answer): void {
  expect(KINDS).toContain(answer.kind);
  switch (answer.kind) {
    case 'topic':
      expect(answer.entry.id).toMatch(/\S/);
      break;
    case 'compare':
      expect(answer.entries.length).toBeGreaterThanOrEqual(2);
      for (const row of answer.rows) expect(row.values).toHaveLength(answer.entries.length);
      break;
    case 'list':
      expect(answer.criteria.length).toBeGreaterThanOrEqual(1);
      break;
    case 'help':
      expect(answer.examples.length).toBeGreaterThan(0);
      break;
    case 'none':
      expect(answer.suggestions.length).toBeLessThanOrEqual(3);
      break;
    case 'tour':
      expect(answer.page).toBeGreaterThanOrEqual(1);
      expect(answer.page).toBeLessThanOrEqual(answer.total);
      break;
    case 'quiz':
      expect(answer.question.options[answer.question.correct]).toBeDefined();
      break;
  }
}

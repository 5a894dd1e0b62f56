import { describe, expect, test } from 'vitest';
import { formatProblem, type KbProblem, kbMessages } from '../../src/kb/errors.ts';
import { problemsOf, replaceIn } from '../support/kb.ts';

const ROOT = 0;
const MODELS = 1;

/** The problems of models.yaml with `from` replaced by `to`. */
function brokenModels(from: string, to: string): readonly KbProblem[] {
  return problemsOf((s) => replaceIn(s, MODELS, from, to));
}

// Lines of models.yaml in miniSources(): 8 "  - id: model/tiny", 11 "    title: Tiny",
// 12 "    aliases: [TinyNet]", 13 "    summary: A tiny model.".
describe('a YAML syntax error is one problem: file, line, column, a whole message and the line with a caret', () => {
  test('an unclosed bracket: the caret is where "]" belongs, and ids of the file are not reported unknown', () => {
    expect(brokenModels('aliases: [TinyNet]', 'aliases: [TinyNet')).toEqual([
      {
        file: 'data/models.yaml',
        line: 12,
        column: 22,
        message: kbMessages.unclosedBracket('[', ']'),
        excerpt: ' 12 |     aliases: [TinyNet\n    |                      ^',
      },
    ]);
  });

  test('an unclosed quote: the caret is under the quote that opened, not at the end of the file', () => {
    expect(brokenModels('summary: A tiny model.', 'summary: "A tiny model.')).toEqual([
      {
        file: 'data/models.yaml',
        line: 13,
        column: 14,
        message: kbMessages.unclosedQuote('"'),
        excerpt: ' 13 |     summary: "A tiny model.\n    |              ^',
      },
    ]);
  });

  test('a line indented one space short: the caret is under its first character', () => {
    expect(brokenModels('    title: Tiny', '   title: Tiny')).toEqual([
      {
        file: 'data/models.yaml',
        line: 11,
        column: 4,
        message: kbMessages.yamlSyntax('bad indentation of a sequence entry'),
        excerpt: ' 11 |    title: Tiny\n    |    ^',
      },
    ]);
  });

  test('a line indented too far is reported on that line, not on the line above it', () => {
    expect(brokenModels('    title: Tiny', '      title: Tiny')).toEqual([
      expect.objectContaining({ file: 'data/models.yaml', line: 11, column: 12 }),
    ]);
  });

  test.each([
    ['an unclosed brace', 'aliases: [TinyNet]', 'aliases: {a: 1', 12, 19],
    [
      'a list left open at the end of the file',
      '      scale: [scale/small]\n',
      '      scale: [scale/small',
      15,
      26,
    ],
    [
      'a list left open after a trailing comment',
      'aliases: [TinyNet]',
      'aliases: [TinyNet, Tiny 2  # names',
      12,
      30,
    ],
    ['a quote left open inside a list', 'aliases: [TinyNet]', 'aliases: ["TinyNet]', 12, 15],
    [
      "a single quote whose last '' is an escaped quote",
      'summary: A tiny model.',
      "summary: 'A tiny''",
      13,
      14,
    ],
    ['a double quote whose last \\" is escaped', 'summary: A tiny model.', 'summary: "A tiny\\"', 13, 14],
    ['a bracket closed twice', 'aliases: [TinyNet]', 'aliases: [TinyNet]]', 12, 23],
    ['a tab as indentation', '    title: Tiny', '\ttitle: Tiny', 11, 1],
    ['a key written twice', '    title: Tiny', '    title: Tiny\n    title: Other', 12, 5],
  ])('%s is one problem at its line and column', (_name, from, to, line, column) => {
    const problems = brokenModels(from, to);
    expect(problems).toEqual([expect.objectContaining({ file: 'data/models.yaml', line, column })]);
    expect(problems[0]?.message).toMatch(/^YAML syntax error: \S.*[^:]$/);
  });

  test("other files' problems are still all reported", () => {
    const problems = problemsOf((s) => {
      replaceIn(s, MODELS, 'aliases: [TinyNet]', 'aliases: [TinyNet');
      replaceIn(s, ROOT, '    summary: The ways to classify models.\n', '');
      s.push({ file: 'data/extra.yaml', text: 'entries:\n  - id: "model/x\n' });
    });
    expect(problems).toEqual([
      expect.objectContaining({ file: 'data/root.yaml', entry: 'taxonomy', field: 'summary' }),
      expect.objectContaining({ file: 'data/models.yaml', line: 12, column: 22 }),
      expect.objectContaining({ file: 'data/extra.yaml', line: 2, column: 9 }),
    ]);
  });

  test('prints as file:line:column, the whole message, then the line and the caret under it', () => {
    const [problem] = brokenModels('aliases: [TinyNet]', 'aliases: [TinyNet');
    expect(problem && formatProblem(problem)).toBe(
      [
        'data/models.yaml:12:22: YAML syntax error: "[" is never closed; add "]" here',
        '     12 |     aliases: [TinyNet',
        '        |                      ^',
      ].join('\n'),
    );
  });

  test('a long line is shown around the column, shortened with "…"', () => {
    const words = 'word '.repeat(40);
    const [problem] = brokenModels('summary: A tiny model.', `summary: "${words}end" then: ${words}`);
    expect(problem).toMatchObject({ line: 13, column: 220 });
    const [shown = '', caret = ''] = problem?.excerpt?.split('\n') ?? [];
    expect(shown).toMatch(/^ 13 \| …word .*end" then: .*…$/);
    expect(shown.length).toBeLessThanOrEqual(' 13 | '.length + 82);
    expect(shown[caret.indexOf('^')]).toBe('t');
  });
});

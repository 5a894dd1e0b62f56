import { describe, expect, test } from 'vitest';
import { type Ran, runTsx } from '../support/processes.ts';

function run(args: readonly string[], input?: string): Promise<Ran> {
  return runTsx(args, input === undefined ? {} : { input });
}

type JsonAnswer = { kind: string; topics: string[]; suggestions: string[]; text: string };

function parseLines(stdout: string): JsonAnswer[] {
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as JsonAnswer);
}

describe('npm run ask', () => {
  test('answers one question as text', async () => {
    const { code, stdout } = await run([
      'src/cli/ask.ts',
      'whats teh diffrence between masked and autoregressive training',
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain('Masked Language Modeling vs Autoregressive');
    expect(stdout).toContain('Like fill-in-the-blank exercises.');
  });

  test('prints one JSON object on one line with --json', async () => {
    const { code, stdout } = await run(['src/cli/ask.ts', '--json', 'what is rlhf']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const [answer] = parseLines(stdout);
    expect(answer).toMatchObject({ kind: 'topic', topics: ['training/rlhf'], suggestions: [] });
    expect(answer?.text).toContain('Reinforcement Learning from Human Feedback');
  });

  test('answers a batch from standard input, one object per line, in order', async () => {
    const input = [
      'transformer vs rnn',
      'which models are multimodal',
      "what's the weather in Paris",
      'help',
      '',
      'rlhf',
    ].join('\n');
    const { code, stdout } = await run(['src/cli/ask.ts', '--json'], input);
    expect(code).toBe(0);
    const answers = parseLines(stdout);
    expect(answers.map((a) => a.kind)).toEqual(['compare', 'list', 'none', 'help', 'help', 'topic']);
    expect(answers[0]?.topics).toEqual(['architecture/transformer', 'architecture/recurrent']);
    expect(answers[1]?.topics[0]).toBe('modality/multimodal');
    expect(answers[2]?.topics).toEqual([]);
  });

  test('gives the tour and the quiz their own kinds in JSON', async () => {
    const { stdout } = await run(['src/cli/ask.ts', '--json'], 'tour\nquiz me on training approaches\n');
    const [tour, quiz] = parseLines(stdout);
    expect(tour).toMatchObject({ kind: 'tour', suggestions: [] });
    expect(tour?.topics).toContain('dimension/architecture');
    expect(tour?.text).toMatch(/^Tour · page 1 of \d+\n6 ways to classify models/);
    expect(quiz).toMatchObject({ kind: 'quiz', topics: ['dimension/training'] });
    expect(quiz?.text).toMatch(/A\) .*\n {2}B\) /);
  });

  test('exits non-zero with every problem listed when the knowledge base is broken', async () => {
    const { code, stderr } = await run([
      'src/cli/ask.ts',
      '--data',
      'test/fixtures/kb-broken',
      'what is rlhf',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('test/fixtures/kb-broken/models.yaml');
    expect(stderr).toContain('entry "model/tiny" field "summary": missing');
  });
});

describe('npm start with no platform credentials', () => {
  test('answers each piped line in the terminal mode and exits at end of input', async () => {
    const { code, stdout } = await run(['src/main.ts'], 'what is rlhf\nbert vs gpt\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Reinforcement Learning from Human Feedback (RLHF)');
    expect(stdout).toContain('BERT vs GPT (series)');
    expect(stdout).not.toContain('llm>');
  });
});

describe('npm run kb:check', () => {
  test('prints the summary for the real knowledge base', async () => {
    const { code, stdout } = await run(['src/cli/kb-check.ts']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Knowledge base OK: \d+ entries/);
    expect(stdout).toMatch(/model\s+35/);
  });

  test('prints every problem and exits 1 for a broken one', async () => {
    const { code, stderr } = await run(['src/cli/kb-check.ts', 'test/fixtures/kb-broken']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/The knowledge base has \d+ problems/);
    expect(stderr).toContain('unknown id "model/nowhere"');
  });
});

describe('the terminal mode', () => {
  test('never loads discord.js or Bolt', async () => {
    const { code, stdout, stderr } = await runTsx(
      ['--require', './test/support/loaded-packages.cjs', 'src/main.ts'],
      {
        input: 'what is rlhf\n',
        env: {
          ...process.env,
          DISCORD_TOKEN: '',
          SLACK_BOT_TOKEN: '',
          SLACK_APP_TOKEN: '',
          SLACK_SIGNING_SECRET: '',
        },
      },
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Reinforcement Learning from Human Feedback');
    const loaded = JSON.parse(/loaded-packages: (.*)/.exec(stderr)?.[1] ?? 'null') as string[];
    // The probe works: it sees the CommonJS packages the terminal mode does use.
    expect(loaded).toEqual(expect.arrayContaining(['pino', 'dotenv']));
    expect(loaded.filter((p) => /discord|slack/.test(p))).toEqual([]);
  });
});

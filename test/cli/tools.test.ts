import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { cliMessages } from '../../src/cli/args.ts';
import { kbJsonSchemaText } from '../../src/kb/json-schema.ts';
import { type Ran, runTsx } from '../support/processes.ts';

const TOOLS = [
  { name: 'ask', script: 'src/cli/ask.ts', flags: ['--json', '--data DIR', '-h, --help', '--  '] }, // '--  ': the line for "--"
  { name: 'kb:check', script: 'src/cli/kb-check.ts', flags: ['--data DIR', '-h, --help'] },
  { name: 'kb:schema', script: 'src/cli/kb-schema.ts', flags: ['--data DIR', '-h, --help'] },
  { name: 'gaps', script: 'src/cli/gaps.ts', flags: ['--top N', '-h, --help'] },
] as const;

type ToolName = (typeof TOOLS)[number]['name'];

function run(tool: ToolName, args: readonly string[], input = ''): Promise<Ran> {
  const script = TOOLS.find((t) => t.name === tool)?.script ?? '';
  return runTsx([script, ...args], { input });
}

const MISSING = join(tmpdir(), 'kb-tools-no-such-folder-7d2e');
const A_FILE = 'package.json';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = '';
});

describe('every tool answers -h and --help with its usage', () => {
  test.each(TOOLS)('$name: usage on stdout listing every option and the exit codes, exit 0', async (tool) => {
    const [short, long] = await Promise.all([run(tool.name, ['-h']), run(tool.name, ['--help'])]);
    expect(long).toEqual(short);
    expect(long.code).toBe(0);
    expect(long.stderr).toBe('');
    expect(long.stdout).toMatch(new RegExp(`^Usage: npm run ${tool.name} -- `));
    for (const flag of tool.flags) expect(long.stdout).toContain(`  ${flag}`);
    expect(long.stdout).toMatch(/Exit codes: 0 .*, 1 .*\n2 wrong usage/);
  });
});

describe('an unknown option is a usage error: exit 2, named, nothing on stdout', () => {
  test.each(TOOLS)('$name --bogus', async (tool) => {
    const { code, stdout, stderr } = await run(tool.name, ['--bogus', 'x']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("'--bogus'");
    expect(stderr).toContain(`npm run ${tool.name} -- --help`);
  });

  test('ask -x: an unknown short option too, rather than a question', async () => {
    const { code, stdout, stderr } = await run('ask', ['-x', 'what is rlhf']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("'-x'");
  });

  test('ask --data with no folder after it', async () => {
    const { code, stdout, stderr } = await run('ask', ['--data']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("'--data <value>'");
  });
});

describe('a knowledge base folder that is missing, or a file, is one line and exit 1', () => {
  const cases: [string, ToolName, string[], string][] = [
    ['ask --data MISSING', 'ask', ['--data', MISSING, 'what is rlhf'], cliMessages.noFolder(MISSING)],
    ['ask --data FILE', 'ask', ['--data', A_FILE, 'what is rlhf'], cliMessages.notAFolder(A_FILE)],
    ['kb:check MISSING', 'kb:check', [MISSING], cliMessages.noFolder(MISSING)],
    ['kb:check --data MISSING', 'kb:check', ['--data', MISSING], cliMessages.noFolder(MISSING)],
    ['kb:check FILE', 'kb:check', [A_FILE], cliMessages.notAFolder(A_FILE)],
    ['kb:schema MISSING', 'kb:schema', [MISSING], cliMessages.noFolder(MISSING)],
    ['kb:schema --data FILE', 'kb:schema', ['--data', A_FILE], cliMessages.notAFolder(A_FILE)],
    ['gaps MISSING', 'gaps', [MISSING], `no log file at "${MISSING}"`],
    ['gaps FOLDER', 'gaps', ['src'], '"src" is a folder, not a log file'],
  ];
  test.each(cases)('%s', async (_name, tool, args, message) => {
    const { code, stdout, stderr } = await run(tool, args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${message}\n`);
  });
});

describe('what the tools did before still works', () => {
  test('ask: a question that starts with "-" is asked after "--"', async () => {
    const { code, stdout } = await run('ask', ['--json', '--', '-h']);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as { kind: string; text: string };
    expect(answer.kind).toEqual(expect.any(String));
    expect(answer.text).toContain('-h');
  });

  test('ask: options may come after the question, and the words are joined', async () => {
    const { code, stdout } = await run('ask', ['what', 'is', 'rlhf', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ kind: 'topic', topics: ['training/rlhf'] });
  });

  test('kb:check takes the folder as --data DIR as well as DIR, and rejects two folders', async () => {
    const broken = await run('kb:check', ['--data', 'test/fixtures/kb-broken']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('unknown id "model/nowhere"');
    const two = await run('kb:check', ['data', '--data', 'test/fixtures/kb-broken']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain(cliMessages.twoFolders('data', 'test/fixtures/kb-broken'));
  });

  test('kb:schema writes the schema into the folder given as DIR or --data DIR', async () => {
    dir = await mkdtemp(join(tmpdir(), 'kb-schema-'));
    for (const args of [[dir], ['--data', dir]]) {
      const { code, stdout } = await run('kb:schema', args);
      expect(code).toBe(0);
      expect(stdout).toBe(`wrote ${join(dir, 'kb.schema.json')}\n`);
    }
    expect(await readFile(join(dir, 'kb.schema.json'), 'utf8')).toBe(kbJsonSchemaText());
  });

  test('gaps: counts unanswered questions from standard input with "-" and --top', async () => {
    const log = ['{"unanswered":"what is foo"}', '{"unanswered":"What is foo?"}', '{"unanswered":"bar"}'];
    const { code, stdout } = await run('gaps', ['-', '--top', '1'], `${log.join('\n')}\n`);
    expect(code).toBe(0);
    expect(stdout).toBe('3 unanswered questions, 2 distinct; the most asked:\n2  what is foo\n');
  });

  test('gaps: no LOGFILE, a bad --top or a second file is a usage error naming it', async () => {
    const none = await run('gaps', []);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('missing LOGFILE');
    const top = await run('gaps', ['-', '--top', '0']);
    expect(top.code).toBe(2);
    expect(top.stderr).toContain('--top must be a whole number of 1 or more, not "0"');
    const two = await run('gaps', ['a.log', 'b.log']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain(cliMessages.tooManyArguments(['b.log']));
  });
});

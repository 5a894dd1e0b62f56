// The load generator for the round-trip bench, in its own process: it serves the Discord or Slack stand-in
// the bot connects to, sends distinct questions and times each answer. `standin.ts <discord|slack>`.
import { performance } from 'node:perf_hooks';
import { loadKnowledgeBase } from '../../src/kb/loader.ts';
import { interactions, startFakeDiscord } from '../../test/support/fake-discord.ts';
import { type ResponseCall, startFakeSlack } from '../../test/support/fake-slack.ts';
import { distinctQuestions } from '../questions.ts';

export type StandInMessage =
  | { type: 'up'; api: string }
  | { type: 'result'; sequential: number[]; burst: number[]; burstAnswered: number };
export type StandInCommand = {
  type: 'run';
  target?: string;
  warmup: number;
  sequential: number;
  burst: number;
};

const platform = process.argv[2];
const send = (m: StandInMessage) => process.send?.(m);

/** Distinct questions for one bot process: none is asked twice, so no answer can come from a memo. */
async function questionsFor(n: number): Promise<string[]> {
  return distinctQuestions(await loadKnowledgeBase('data'), n, 11);
}

async function load(
  run: StandInCommand,
  once: (q: string) => Promise<number>,
  tidy: () => void,
): Promise<void> {
  const questions = await questionsFor(run.warmup + run.sequential + run.burst);
  let next = 0;
  const take = () => questions[next++] ?? `what is model number ${next}`;
  for (let i = 0; i < run.warmup; i++) await once(take());
  tidy();
  const sequential: number[] = [];
  for (let i = 0; i < run.sequential; i++) {
    sequential.push(await once(take()));
    if (i % 100 === 99) tidy();
  }
  tidy();
  const settled = await Promise.allSettled(Array.from({ length: run.burst }, () => once(take())));
  const burst = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  send({ type: 'result', sequential, burst, burstAnswered: burst.length });
}

async function discord(): Promise<void> {
  const fake = await startFakeDiscord();
  send({ type: 'up', api: fake.restApi });
  process.on('message', (run: StandInCommand) => {
    const once = async (q: string) => {
      const i = interactions.slash({ question: q });
      const done = fake.waitForRequest((r) => r.path.includes(String(i.token)) && r.status < 300, 15_000);
      const start = performance.now();
      fake.sendInteraction(i);
      await done;
      return performance.now() - start;
    };
    void load(run, once, () => {
      fake.requests.length = 0;
    });
  });
}

async function slack(): Promise<void> {
  const fake = await startFakeSlack();
  send({ type: 'up', api: fake.apiUrl });
  let n = 0;
  process.on('message', (run: StandInCommand) => {
    const url = run.target ?? '';
    const once = async (q: string) => {
      const responseId = `b${n++}`;
      const answered = fake.waitFor<ResponseCall>('response', (r) => r.id === responseId, 15_000);
      const start = performance.now();
      await fake.deliver(url, { form: fake.slashCommand(q, { responseId }) });
      await answered;
      return performance.now() - start;
    };
    void load(run, once, () => fake.reset());
  });
}

if (platform === 'discord') await discord();
else if (platform === 'slack') await slack();
else throw new Error(`unknown platform ${platform}`);

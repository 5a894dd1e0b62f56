import { performance } from 'node:perf_hooks';
import { App, LogLevel } from '@slack/bolt';
import { boltLogger, createSlackBot } from '../src/adapters/slack/app.ts';
import { loadKnowledgeBase } from '../src/kb/loader.ts';
import { createLogger } from '../src/log.ts';
import { listeningPort } from '../src/runtime/port.ts';
import { type FakeSlack, type ResponseCall, SLACK, startFakeSlack } from '../test/support/fake-slack.ts';
import { loadQuestions } from '../test/support/questions.ts';
import { ms, printTable, summarize } from './stats.ts';

const SEQUENTIAL = 1_000;
const BURST = 200;
const WARMUP = 300;
const ACK_DEADLINE_MS = 3_000;

type Runner = { url: string; stop: () => Promise<void> };

async function measure(fake: FakeSlack, url: string, questions: readonly string[]) {
  let n = 0;
  const once = async (q: string) => {
    const responseId = `b${n++}`;
    const answered = fake.waitFor<ResponseCall>('response', (r) => r.id === responseId, 10_000);
    const start = performance.now();
    const res = await fake.deliver(url, { form: fake.slashCommand(q, { responseId }) });
    const ack = performance.now() - start;
    await answered;
    return { ack, answer: performance.now() - start, ok: res.status === 200 };
  };
  for (let i = 0; i < WARMUP; i++) await once(questions[i % questions.length] ?? 'rlhf');
  fake.reset();
  const seq: { ack: number; answer: number }[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    seq.push(await once(questions[i % questions.length] ?? 'rlhf'));
    if (fake.responses.length > 100) fake.reset();
  }
  fake.reset();
  const burst = await Promise.all(
    Array.from({ length: BURST }, (_, i) => once(questions[i % questions.length] ?? 'rlhf')),
  );
  fake.reset();
  return {
    seqAck: summarize(seq.map((s) => s.ack)),
    seqAnswer: summarize(seq.map((s) => s.answer)),
    burstAck: summarize(burst.map((s) => s.ack)),
    burstAnswer: summarize(burst.map((s) => s.answer)),
    burstInTime: burst.filter((b) => b.ok && b.ack < ACK_DEADLINE_MS).length,
  };
}

async function startReal(fake: FakeSlack): Promise<Runner> {
  const kb = await loadKnowledgeBase('data');
  const bot = createSlackBot(
    { mode: 'http', botToken: SLACK.botToken, signingSecret: SLACK.signingSecret, port: 0 },
    { kb: () => kb, logger: createLogger('silent') },
    {
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
      botId: SLACK.botId,
      botUserId: SLACK.botUserId,
      host: '127.0.0.1',
    },
  );
  await bot.start();
  const port = bot.port();
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: bot.stop };
}

async function startFloor(fake: FakeSlack): Promise<Runner> {
  const app = new App({
    token: SLACK.botToken,
    signingSecret: SLACK.signingSecret,
    botId: SLACK.botId,
    botUserId: SLACK.botUserId,
    logger: boltLogger(createLogger('silent')),
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  app.command('/llm', async ({ ack, respond }) => {
    await ack();
    await respond({ text: 'ok', response_type: 'in_channel' });
  });
  const port = listeningPort(await app.start({ port: 0, host: '127.0.0.1' }));
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    stop: async () => {
      await app.stop();
    },
  };
}

async function run(start: (fake: FakeSlack) => Promise<Runner>, questions: readonly string[]) {
  const fake = await startFakeSlack();
  const runner = await start(fake);
  try {
    return await measure(fake, runner.url, questions);
  } finally {
    await runner.stop();
    await fake.stop();
  }
}

/** Ack and answer latency over HTTP mode, the real bot against a floor app, in one run. */
export async function benchSlack(): Promise<void> {
  const questions = loadQuestions().map((c) => c.q);
  // Whoever runs second inherits a warmer JIT: run both twice, alternating, and keep the second round.
  await run(startFloor, questions);
  await run(startReal, questions);
  const floor = await run(startFloor, questions);
  const real = await run(startReal, questions);
  const row = (label: string, r: typeof real) => [
    label,
    ms(r.seqAck.median),
    ms(r.seqAnswer.median),
    ms(r.seqAnswer.p99),
    ms(r.burstAck.median),
    ms(r.burstAck.max),
    ms(r.burstAnswer.median),
    `${r.burstInTime}/${BURST}`,
  ];
  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  printTable(
    `Slack slash command, HTTP mode (ms): ${SEQUENTIAL} sequential, then a burst of ${BURST}`,
    [
      'app',
      'seq ack median',
      'seq answer median',
      'seq answer p99',
      'burst ack median',
      'burst ack max',
      'burst answer median',
      'burst acked < 3 s',
    ],
    [
      row('real bot', real),
      row('floor (constant answer)', floor),
      [
        'ratio real/floor',
        ratio(real.seqAck.median, floor.seqAck.median),
        ratio(real.seqAnswer.median, floor.seqAnswer.median),
        ratio(real.seqAnswer.p99, floor.seqAnswer.p99),
        ratio(real.burstAck.median, floor.burstAck.median),
        ratio(real.burstAck.max, floor.burstAck.max),
        ratio(real.burstAnswer.median, floor.burstAnswer.median),
        '',
      ],
    ],
  );
}

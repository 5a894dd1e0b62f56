import { performance } from 'node:perf_hooks';
import { type Client, Events } from 'discord.js';
import { createDiscordBot, createDiscordClient } from '../src/adapters/discord/client.ts';
import { loadKnowledgeBase } from '../src/kb/loader.ts';
import { createLogger } from '../src/log.ts';
import { type FakeDiscord, interactions, startFakeDiscord } from '../test/support/fake-discord.ts';
import { loadQuestions } from '../test/support/questions.ts';
import { ms, printTable, summarize } from './stats.ts';

const SEQUENTIAL = 1_000;
const BURST = 500;
const WARMUP = 1_000;
const TOKEN = 'bench-token';

function testOverrides(fake: FakeDiscord) {
  return {
    waitGuildTimeout: 0,
    ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) },
    rest: { api: fake.restApi, globalRequestsPerSecond: 100_000 },
  };
}

/** Round trips: the stand-in dispatches INTERACTION_CREATE, the clock stops when the callback arrives. */
async function measure(fake: FakeDiscord, questions: readonly string[]) {
  const roundTrip = async (q: string) => {
    const i = interactions.slash({ question: q });
    const start = performance.now();
    const done = fake.waitForRequest((r) => r.path.includes(String(i.token)) && r.status < 300, 10_000);
    fake.sendInteraction(i);
    await done;
    return performance.now() - start;
  };
  // Warm up the JIT on both sides first, so neither bot pays for compiling discord.js in its figures.
  for (let n = 0; n < WARMUP; n++) await roundTrip(questions[n % questions.length] ?? 'rlhf');
  fake.requests.length = 0;
  const sequential: number[] = [];
  for (let n = 0; n < SEQUENTIAL; n++) {
    sequential.push(await roundTrip(questions[n % questions.length] ?? 'rlhf'));
    if (fake.requests.length > 200) fake.requests.length = 0;
  }
  fake.requests.length = 0;
  const burst = await Promise.allSettled(
    Array.from({ length: BURST }, (_, n) => roundTrip(questions[n % questions.length] ?? 'rlhf')),
  );
  const answered = burst.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  fake.requests.length = 0;
  return { sequential: summarize(sequential), burst: summarize(answered), burstAnswered: answered.length };
}

async function withBot(start: (fake: FakeDiscord) => Promise<Client>, questions: readonly string[]) {
  const fake = await startFakeDiscord();
  const client = await start(fake);
  try {
    return await measure(fake, questions);
  } finally {
    await client.destroy();
    await fake.close();
  }
}

/** The real bot against a floor bot that answers a constant, in one run. */
export async function benchDiscord(): Promise<void> {
  const questions = loadQuestions().map((c) => c.q);
  const kb = await loadKnowledgeBase('data');
  const startReal = async (fake: FakeDiscord) => {
    const bot = createDiscordBot(
      TOKEN,
      { kb: () => kb, logger: createLogger('silent') },
      testOverrides(fake),
    );
    await bot.start();
    return bot.client;
  };
  const startFloor = async (fake: FakeDiscord) => {
    const client = createDiscordClient(testOverrides(fake));
    client.on(Events.InteractionCreate, (i) => {
      if (i.isChatInputCommand()) void i.reply({ content: 'ok' });
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(TOKEN);
    await ready;
    return client;
  };
  // Whoever runs second inherits a warmer JIT: run both twice, alternating, and keep the second round.
  await withBot(startFloor, questions);
  await withBot(startReal, questions);
  const floor = await withBot(startFloor, questions);
  const real = await withBot(startReal, questions);
  const row = (label: string, r: typeof real) => [
    label,
    ms(r.sequential.median),
    ms(r.sequential.p99),
    ms(r.burst.median),
    ms(r.burst.p99),
    `${r.burstAnswered}/${BURST}`,
  ];
  printTable(
    `Discord interaction round trip (ms): ${SEQUENTIAL} sequential, then a burst of ${BURST}`,
    ['bot', 'seq median', 'seq p99', 'burst median', 'burst p99', 'burst answered'],
    [
      row('real bot', real),
      row('floor (constant reply)', floor),
      [
        'ratio real/floor',
        (real.sequential.median / floor.sequential.median).toFixed(2),
        (real.sequential.p99 / floor.sequential.p99).toFixed(2),
        (real.burst.median / floor.burst.median).toFixed(2),
        (real.burst.p99 / floor.burst.p99).toFixed(2),
        '',
      ],
    ],
  );
}

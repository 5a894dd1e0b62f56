// The project's fuzzer: generated inputs through respond(), every card converter and autocomplete, checked
// against every platform limit and the rules a chat bot must keep. `npm run fuzz` and test/fuzz.test.ts run it.
import { performance } from 'node:perf_hooks';
import { percentile } from '../../bench/stats.ts';
import { encodeAction } from '../../src/core/actions.ts';
import type { Answer } from '../../src/core/answer.ts';
import { seededRandom } from '../../src/core/quiz.ts';
import { completeQuestion, decodeAction, type Request, respond } from '../../src/core/respond.ts';
import type { KnowledgeBase } from '../../src/kb/graph.ts';
import { answerToCard, type Card } from '../../src/render/card.ts';
import { cardToDiscord, cardToDiscordThread, completionsToChoices } from '../../src/render/discord.ts';
import { cardToBlockKit, cardToHomeView } from '../../src/render/slack.ts';
import { cardToText } from '../../src/render/text.ts';
import { discordViolations } from './discord-limits.ts';
import type { Json } from './fake-discord.ts';
import { slackViolations } from './slack-limits.ts';

export type FuzzReport = {
  inputs: number;
  throws: number;
  limit_violations: number;
  invalid_unicode: number;
  unescaped_markup: number;
  unwanted_pings: number;
  /** Autocomplete: choices with a duplicate name, or a value the bot does not answer. */
  autocomplete_problems: number;
  p99_ms: number;
  /** Up to ten examples of what went wrong, for a person to read. */
  examples: string[];
};

/** Markup a person might type, with a marker ("fz") so it can be found again in what the bot sends. */
const MARKUP = [
  '**fz**',
  '__fz__',
  '~~fz~~',
  '||fz||',
  '`fz`',
  '```fz```',
  '> fz',
  '[fz](https://example.com)',
];
/** Every form of mention or broadcast on either platform. */
const PINGS = [
  '@everyone',
  '@here',
  '<@1100000000000000009>',
  '<@!1100000000000000009>',
  '<@&1100000000000000008>',
  '<#1100000000000000007>',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U0FUZZ>',
  '<@U0FUZZ|fuzz>',
  '<!subteam^S0FUZZ>',
  '<!date^1392734382^{date}|x>',
];
const ODD = [
  '\u200f',
  '\u202e',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r\n',
  '\t',
  '\ud800',
  '\udfff',
];
const EMOJI = ['😀', '👩‍👩‍👧‍👦', '🇺🇳', '🏳️‍🌈', 'é', 'e\u0301', 'Ω', '中文', 'عربى', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢'];
const CUES = [
  'what is',
  'vs',
  'compare',
  'which models are',
  'pros and cons of',
  'explain',
  'formula for',
  'quiz',
  'tour',
  'help',
  'like I am five',
  'and',
  'or',
];

/** One generated input: a mix of topic words, cues, markup, pings, odd characters and emoji, of any length. */
function generate(next: () => number, names: readonly string[]): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const kind = next();
  if (kind < 0.05) return '';
  if (kind < 0.1) {
    // Random code units, lone surrogates included.
    let s = '';
    const n = Math.floor(next() * 300);
    for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(next() * 0x10000));
    return s;
  }
  if (kind < 0.18) {
    // Long: up to 6,000 characters, the most a Discord option carries.
    const unit = `${pick(names)} ${pick(EMOJI)} ${pick(MARKUP)} `;
    return unit.repeat(Math.ceil((next() * 6000) / unit.length)).slice(0, 6000);
  }
  const parts: string[] = [];
  const n = 1 + Math.floor(next() * 10);
  for (let i = 0; i < n; i++) {
    const r = next();
    if (r < 0.35) parts.push(pick(names));
    else if (r < 0.55) parts.push(pick(CUES));
    else if (r < 0.67) parts.push(pick(MARKUP));
    else if (r < 0.79) parts.push(pick(PINGS));
    else if (r < 0.89) parts.push(pick(ODD));
    else parts.push(pick(EMOJI));
  }
  // Shuffled order, and sometimes no spaces at all.
  for (let i = parts.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [parts[i], parts[j]] = [parts[j] as string, parts[i] as string];
  }
  return parts.join(next() < 0.1 ? '' : ' ');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Slack control sequences that ping: none may come from what a user typed. */
const SLACK_PING = /<(?:!channel|!here|!everyone|!subteam\^[^>]*|@[UW][A-Z0-9]+(?:\|[^>]*)?)>/;
/** Markup with the marker, unescaped: Discord would render what the user typed as formatting. */
const RAW_MARKUP = /\*\*fz\*\*|__fz__|~~fz~~|\|\|fz\|\||`fz`|\[fz\]\(/;
/** Slack's control sequences must arrive escaped (&lt;…&gt;), never raw. */
const SLACK_RAW = /<(?:[!#@][^>]*|https?:[^>]*)>/;

/** Every string in a JSON value, with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

function asJson(x: unknown): Json {
  return JSON.parse(JSON.stringify(x)) as Json;
}

export type Problem = {
  kind: 'limit_violations' | 'invalid_unicode' | 'unescaped_markup' | 'unwanted_pings';
  detail: string;
  count: number;
};

/** What is wrong with the payloads one answer became: Discord messages, Slack messages or views, terminal text. */
export function inspect(discord: readonly Json[], slack: readonly Json[], text: string): Problem[] {
  const problems: Problem[] = [];
  const add = (kind: Problem['kind'], detail: string, count = 1) => problems.push({ kind, detail, count });
  const violations = [
    ...discord.flatMap(discordViolations),
    ...slack.filter((m) => m.type === undefined).flatMap(slackViolations),
  ];
  if (violations.length > 0) add('limit_violations', `limits (${violations[0]})`, violations.length);
  const discordTexts = discord.flatMap((d) => strings(d)).map(([, s]) => s);
  const slackTexts = slack.flatMap((m) => strings(m)).map(([, s]) => s);
  if ([...discordTexts, ...slackTexts, text].some((s) => LONE_SURROGATE.test(s)))
    add('invalid_unicode', 'half a character');
  if (
    discord.some(
      (d) => JSON.stringify(d.allowed_mentions ?? d.allowedMentions) !== JSON.stringify({ parse: [] }),
    )
  )
    add('unwanted_pings', 'Discord allowed mentions');
  if (slackTexts.some((s) => SLACK_PING.test(s))) add('unwanted_pings', 'Slack ping');
  if (slackTexts.some((s) => SLACK_RAW.test(s)) || discordTexts.some((s) => RAW_MARKUP.test(s)))
    add('unescaped_markup', 'unescaped markup');
  return problems;
}

/** The requests an input makes: a question, and (sometimes) the buttons its answer offers. */
function followUps(card: Card): Request[] {
  const out: Request[] = [];
  for (const group of card.actions)
    for (const b of group.buttons) {
      const action = decodeAction(encodeAction(b.action));
      if (action) out.push({ type: 'action', action, seed: 7 });
    }
  return out.slice(0, 3);
}

/** Runs `count` generated inputs and reports what broke. */
export function runFuzz(kb: KnowledgeBase, count: number, seed = 1): FuzzReport {
  const next = seededRandom(seed);
  const names = kb.index.names.map((n) => n.name);
  const report: FuzzReport = {
    inputs: 0,
    throws: 0,
    limit_violations: 0,
    invalid_unicode: 0,
    unescaped_markup: 0,
    unwanted_pings: 0,
    autocomplete_problems: 0,
    p99_ms: 0,
    examples: [],
  };
  const times: number[] = [];
  const note = (what: string, input: string) => {
    if (report.examples.length < 10) report.examples.push(`${what}: ${JSON.stringify(input.slice(0, 120))}`);
  };
  const check = (answer: Answer, input: string) => {
    const card = answerToCard(answer);
    const found = inspect(
      [cardToDiscord(card), ...cardToDiscordThread(card)].map(asJson),
      [asJson(cardToBlockKit(card)), asJson(cardToHomeView(card))],
      cardToText(card),
    );
    for (const problem of found) {
      report[problem.kind] += problem.kind === 'limit_violations' ? problem.count : 1;
      note(problem.detail, input);
    }
  };
  for (let i = 0; i < count; i++) {
    const input = generate(next, names);
    report.inputs++;
    try {
      const start = performance.now();
      const answer = respond(kb, { type: 'question', text: input, seed: 1 + (i % 1000) });
      times.push(performance.now() - start);
      check(answer, input);
      if (i % 7 === 0)
        for (const request of followUps(answerToCard(answer))) check(respond(kb, request), input);
      if (i % 5 === 0) {
        // Autocomplete: unique names, and every value a question the bot answers.
        const choices = completionsToChoices(completeQuestion(kb, input.slice(0, 6000)));
        const unique = new Set(choices.map((c) => c.name)).size === choices.length;
        const answerable = choices.every(
          (c) => respond(kb, { type: 'question', text: c.value }).kind !== 'none',
        );
        const whole = choices.every((c) => !LONE_SURROGATE.test(c.name) && !LONE_SURROGATE.test(c.value));
        if (!unique || !answerable || !whole) {
          report.autocomplete_problems++;
          note('autocomplete', input);
        }
      }
    } catch (err) {
      report.throws++;
      note(`threw ${err instanceof Error ? err.message : String(err)}`, input);
    }
  }
  report.p99_ms = Number(
    percentile(
      [...times].sort((a, b) => a - b),
      99,
    ).toFixed(3),
  );
  return report;
}

/** Whether a report found nothing wrong. */
export function clean(r: FuzzReport): boolean {
  return (
    r.throws +
      r.limit_violations +
      r.invalid_unicode +
      r.unescaped_markup +
      r.unwanted_pings +
      r.autocomplete_problems ===
    0
  );
}

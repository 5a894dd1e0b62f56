import type { types } from '@slack/bolt';
import type { Answer, EntryRef } from '../core/answer.ts';
import { encodeAction } from './actions.ts';
import {
  clip,
  compareLines,
  HELP_INTRO,
  listHeading,
  listIntro,
  NONE_LINE,
  QUIZ_LETTERS,
  type Section,
  TRY_LINE,
  titles,
  topicSections,
} from './sections.ts';

export { clip };

type KnownBlock = types.KnownBlock;
type PlainTextOption = types.PlainTextOption;
type SectionBlock = types.SectionBlock;

// Slack's Block Kit limits (https://api.slack.com/reference/block-kit/blocks).
export const BLOCKS_MAX = 50;
export const SECTION_TEXT_MAX = 3000;
export const FIELDS_MAX = 10;
export const FIELD_TEXT_MAX = 2000;
export const HEADER_TEXT_MAX = 150;
export const BUTTON_TEXT_MAX = 75;
export const ACTION_ID_MAX = 255;
export const BUTTON_VALUE_MAX = 2000;
export const ACTIONS_ELEMENTS_MAX = 25;
export const CONTEXT_ELEMENTS_MAX = 10;
export const OPTION_TEXT_MAX = 75;
export const OPTION_VALUE_MAX = 150;
export const SELECT_OPTIONS_MAX = 100;
/** The notification text; Slack truncates long ones, so keep it short. */
export const FALLBACK_TEXT_MAX = 3000;

const RELATED_BUTTONS_MAX = 5;
const QUERY_ECHO_MAX = 200;

/** A Slack message body: blocks plus the plain `text` shown in notifications. */
export type SlackMessage = { text: string; blocks: KnownBlock[] };

export type SlackRenderOptions = {
  /** Address the answer to this user (a Slack user id); the only mention that may ping. */
  mentionUserId?: string;
};

/** Text shown literally in mrkdwn: `<!channel>`, `<@U1>` and links typed by users stay text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function mrkdwn(text: string, max = SECTION_TEXT_MAX) {
  return { type: 'mrkdwn' as const, text: clip(text, max) || ' ' };
}

function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function fieldsSection(fields: readonly string[], text?: string): SectionBlock[] {
  const out: SectionBlock[] = [];
  for (let i = 0; i < fields.length; i += FIELDS_MAX) {
    const block: SectionBlock = {
      type: 'section',
      fields: fields.slice(i, i + FIELDS_MAX).map((f) => mrkdwn(f, FIELD_TEXT_MAX)),
    };
    if (i === 0 && text) block.text = mrkdwn(text);
    out.push(block);
  }
  return out;
}

function header(text: string): KnownBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: clip(text, HEADER_TEXT_MAX) || ' ', emoji: false },
  };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

function asOf(date: string): KnownBlock {
  return context(`LLM taxonomy · products as of ${escapeSlack(date)}`);
}

function sectionText(s: Section): string {
  const title = `*${escapeSlack(s.title)}*`;
  switch (s.style) {
    case 'code':
      return `${title}\n\`\`\`${clip(s.lines.join('\n').replace(/```/g, "'''"), SECTION_TEXT_MAX - title.length - 10)}\`\`\``;
    case 'bullets':
      return `${title}\n${s.lines.map((l) => `• ${escapeSlack(l)}`).join('\n')}`;
    default:
      return `${title}\n${escapeSlack(s.lines.join('\n'))}`;
  }
}

function buttons(refs: readonly EntryRef[], max: number): KnownBlock[] {
  const elements = refs
    .map((r) => ({ r, id: encodeAction({ type: 'topic', id: r.id }) }))
    .filter(({ id }) => id.length <= ACTION_ID_MAX)
    .slice(0, Math.min(max, ACTIONS_ELEMENTS_MAX))
    .map(({ r, id }) => ({
      type: 'button' as const,
      text: { type: 'plain_text' as const, text: clip(r.title, BUTTON_TEXT_MAX), emoji: false },
      action_id: id,
      value: clip(r.id, BUTTON_VALUE_MAX),
    }));
  return elements.length === 0 ? [] : [{ type: 'actions', elements }];
}

function topicBlocks(answer: Extract<Answer, { kind: 'topic' }>): KnownBlock[] {
  const e = answer.entry;
  const sections = topicSections(answer);
  const inline = sections.filter((s) => s.key.startsWith('placement:'));
  const rest = sections.filter((s) => !s.key.startsWith('placement:'));
  const placements = inline.map((s) => `*${escapeSlack(s.title)}*\n${escapeSlack(s.lines.join(', '))}`);
  return [
    header(e.title),
    section(escapeSlack(e.summary)),
    ...rest.map((s) => section(sectionText(s))),
    ...(placements.length > 0 ? fieldsSection(placements, '*Where it sits in the taxonomy*') : []),
    asOf(answer.asOf),
    ...buttons(answer.related, RELATED_BUTTONS_MAX),
  ];
}

function compareBlocks(answer: Extract<Answer, { kind: 'compare' }>): KnownBlock[] {
  const columns = answer.entries.map((e) => `*${escapeSlack(e.title)}*\n${escapeSlack(e.summary)}`);
  const rows = answer.rows
    .map((row, i) => ({ row, i }))
    .filter(({ row }) => row.aspect !== 'What it is')
    .flatMap(({ row, i }) =>
      fieldsSection(
        compareLines(answer, i).map((l) => {
          const [name = '', ...value] = l.split(': ');
          return `_${escapeSlack(name)}_\n${escapeSlack(value.join(': '))}`;
        }),
        `*${escapeSlack(row.aspect)}*`,
      ),
    );
  const key = answer.keyDifference ? [section(`*Key difference*\n${escapeSlack(answer.keyDifference)}`)] : [];
  return [
    header(answer.entries.map((e) => e.title).join(' vs ')),
    ...fieldsSection(columns),
    ...key,
    ...rows,
    asOf(answer.asOf),
  ];
}

function pickMenu(refs: readonly EntryRef[]): KnownBlock[] {
  const options: PlainTextOption[] = refs
    .filter((r) => r.id.length <= OPTION_VALUE_MAX)
    .slice(0, SELECT_OPTIONS_MAX)
    .map((r) => ({
      text: { type: 'plain_text', text: clip(r.title, OPTION_TEXT_MAX), emoji: false },
      value: r.id,
    }));
  if (options.length === 0) return [];
  return [
    {
      type: 'actions',
      elements: [
        {
          type: 'static_select',
          action_id: encodeAction({ type: 'pick' }),
          placeholder: { type: 'plain_text', text: 'Learn more about…' },
          options,
        },
      ],
    },
  ];
}

function listBlocks(answer: Extract<Answer, { kind: 'list' }>): KnownBlock[] {
  const s = answer.subject;
  const blocks: KnownBlock[] = [header(listHeading(answer)), section(escapeSlack(listIntro(answer)))];
  if (answer.groups.length > 0) {
    blocks.push(
      ...fieldsSection(
        answer.groups.map(
          (g) =>
            `*${escapeSlack(g.entry.title)}* (${g.items.length})\n${escapeSlack(g.items.length > 0 ? titles(g.items) : g.summary)}`,
        ),
      ),
    );
  } else if (answer.items.length > 0) {
    blocks.push(section(answer.items.map((i) => `• ${escapeSlack(i.title)}`).join('\n')));
  } else if (s.kind === 'category' && s.examplesText) {
    blocks.push(section(`*Examples*\n${escapeSlack(s.examplesText)}`));
  }
  if (s.kind === 'dimension' && s.keyDifference && answer.criteria.length === 1) {
    blocks.push(section(`*Key difference*\n${escapeSlack(s.keyDifference)}`));
  }
  blocks.push(asOf(answer.asOf));
  blocks.push(...pickMenu(answer.groups.length > 0 ? answer.groups.map((g) => g.entry) : answer.items));
  return blocks;
}

function helpBlocks(answer: Extract<Answer, { kind: 'help' }>): KnownBlock[] {
  return [
    header('LLM taxonomy bot'),
    section(HELP_INTRO),
    section(`*Ways to classify:* ${escapeSlack(titles(answer.dimensions))}`),
    section(
      `*Try*\n${answer.examples.map((q) => `• \`/llm ${escapeSlack(q.replace(/`/g, "'"))}\``).join('\n')}`,
    ),
    section(
      [
        '*How to ask*',
        '• `/llm <question>` answers in the channel',
        '• `/llm private <question>` answers only you',
        '• `/llm <question> for @someone` addresses the answer to them',
        '• mention me in a thread to continue a comparison there, or send me a direct message',
      ].join('\n'),
    ),
    asOf(answer.asOf),
  ];
}

function noneBlocks(answer: Extract<Answer, { kind: 'none' }>): KnownBlock[] {
  const asked =
    answer.query === '' ? '' : `You asked: “${escapeSlack(clip(answer.query, QUERY_ECHO_MAX))}”\n`;
  const didYouMean = answer.suggestions.length > 0 ? '\nDid you mean one of these?' : '';
  return [
    section(`${asked}${NONE_LINE}${didYouMean}\n${escapeSlack(TRY_LINE)}`),
    ...buttons(answer.suggestions, 3),
  ];
}

function fallbackText(answer: Answer): string {
  switch (answer.kind) {
    case 'topic':
      return `${answer.entry.title}: ${answer.entry.summary}`;
    case 'compare':
      return `${answer.entries.map((e) => e.title).join(' vs ')}`;
    case 'list':
      return `${listHeading(answer)}: ${titles(answer.items.length > 0 ? answer.items : answer.groups.map((g) => g.entry))}`;
    case 'help':
      return 'LLM taxonomy bot: ask me about architectures, training approaches, model sizes and more.';
    case 'none':
      return NONE_LINE;
    case 'tour':
      return `Tour, page ${answer.page} of ${answer.total}: ${answer.content.title}`;
    case 'quiz':
      return `Quiz: ${answer.question.prompt}`;
  }
}

/** Keeps a message within Slack's block count, dropping middle blocks but keeping the as-of line and buttons. */
function fitBlocks(blocks: readonly KnownBlock[]): KnownBlock[] {
  if (blocks.length <= BLOCKS_MAX) return [...blocks];
  const tail = blocks.slice(-2);
  return [
    ...blocks.slice(0, BLOCKS_MAX - tail.length - 1),
    context('…more in the full answer: ask a narrower question.'),
    ...tail,
  ];
}

function navButton(text: string, actionId: string, primary = false) {
  return {
    type: 'button' as const,
    text: { type: 'plain_text' as const, text: clip(text, BUTTON_TEXT_MAX), emoji: true },
    action_id: actionId,
    ...(primary ? { style: 'primary' as const } : {}),
  };
}

function tourBlocks(answer: Extract<Answer, { kind: 'tour' }>): KnownBlock[] {
  const p = answer.content;
  const items = p.items.map((item) => {
    const formulas =
      item.formulas && item.formulas.length > 0
        ? `\n\`\`\`${item.formulas.join('\n').replace(/```/g, "'''")}\`\`\``
        : '';
    const lines = item.lines
      .map((l) => (item.lines.length > 1 ? `• ${escapeSlack(l)}` : escapeSlack(l)))
      .join('\n');
    return section(`*${escapeSlack(item.heading)}*${formulas}${lines ? `\n${lines}` : ''}`);
  });
  // Slack has no disabled buttons: a move that is not possible is simply not offered.
  const nav = [
    ...(answer.page > 1
      ? [navButton('◀ Back', encodeAction({ type: 'tour', page: answer.page - 1, version: answer.version }))]
      : []),
    ...(answer.page < answer.total
      ? [
          navButton(
            'Next ▶',
            encodeAction({ type: 'tour', page: answer.page + 1, version: answer.version }),
            true,
          ),
        ]
      : []),
    ...(answer.page >= answer.total
      ? [navButton('Take the quiz', encodeAction({ type: 'quiz-start' }), true)]
      : []),
  ];
  return [
    context(`*Tour* · page ${answer.page} of ${answer.total}`),
    header(p.title),
    section(escapeSlack(p.intro)),
    ...items,
    { type: 'actions', elements: nav },
    ...buttons(p.topics, ACTIONS_ELEMENTS_MAX),
  ];
}

function quizBlocks(answer: Extract<Answer, { kind: 'quiz' }>): KnownBlock[] {
  const q = answer.question;
  const topic = q.topic?.id;
  const base = { seed: q.seed, streak: answer.streak, version: q.version, ...(topic ? { topic } : {}) };
  const prompt = `*${escapeSlack(q.prompt)}*${q.formula ? `\n\`\`\`${q.formula}\`\`\`` : ''}`;
  const head = context(
    `${q.topic ? `*Quiz* · ${escapeSlack(q.topic.title)}` : '*Quiz*'} · streak ${answer.streak} · anyone can answer`,
  );
  const result = answer.result;
  if (!result) {
    const options = q.options.map((o, i) =>
      navButton(`${QUIZ_LETTERS[i]} · ${o.title}`, encodeAction({ type: 'quiz-answer', ...base, choice: i })),
    );
    return [head, section(prompt), { type: 'actions', elements: options }];
  }
  const marks = q.options
    .map(
      (o, i) =>
        `${i === q.correct ? '✅' : i === result.chosen ? '❌' : '▫️'} ${QUIZ_LETTERS[i]} · ${escapeSlack(o.title)}`,
    )
    .join('\n');
  const verdict = result.right
    ? '*Right!*'
    : `*Not quite:* it's ${QUIZ_LETTERS[q.correct]}, ${escapeSlack(q.options[q.correct]?.title ?? '')}.`;
  return [
    head,
    section(prompt),
    section(marks),
    section(`${verdict}\n${escapeSlack(q.explanation)}`),
    {
      type: 'actions',
      elements: [navButton('Next question ▶', encodeAction({ type: 'quiz-next', ...base }), true)],
    },
  ];
}

const rendered = new WeakMap<Answer, SlackMessage>();

/** Block Kit for an answer, within Slack's limits, with user text escaped so it can ping no one. */
export function answerToSlack(answer: Answer, options: SlackRenderOptions = {}): SlackMessage {
  let body = rendered.get(answer);
  if (!body) {
    const blocks =
      answer.kind === 'tour'
        ? tourBlocks(answer)
        : answer.kind === 'quiz'
          ? quizBlocks(answer)
          : answer.kind === 'topic'
            ? topicBlocks(answer)
            : answer.kind === 'compare'
              ? compareBlocks(answer)
              : answer.kind === 'list'
                ? listBlocks(answer)
                : answer.kind === 'help'
                  ? helpBlocks(answer)
                  : noneBlocks(answer);
    body = { text: clip(escapeSlack(fallbackText(answer)), FALLBACK_TEXT_MAX), blocks: fitBlocks(blocks) };
    rendered.set(answer, body);
  }
  return addressTo(body, options.mentionUserId);
}

/** Addresses a message to one user, the only mention it may carry. */
export function addressTo(message: SlackMessage, userId: string | undefined): SlackMessage {
  if (userId === undefined || !/^[UW][A-Z0-9]{2,20}$/.test(userId)) return message;
  return {
    text: clip(`<@${userId}> ${message.text}`, FALLBACK_TEXT_MAX),
    blocks: fitBlocks([section(`<@${userId}> here's an answer for you:`), ...message.blocks]),
  };
}

/** A short private error note with the reference id the logs carry. */
export function slackError(message: string, reference: string): SlackMessage {
  const text = `${message} Reference: \`${reference}\``;
  return { text, blocks: [section(text)] };
}

/** A plain one-line notice. */
export function slackNotice(text: string): SlackMessage {
  return { text: escapeSlack(text), blocks: [section(escapeSlack(text))] };
}

/** The Home tab: what the bot knows (the dimensions and their categories), how to ask, example questions. */
export function slackHome(
  help: Extract<Answer, { kind: 'help' }>,
  taxonomy: Extract<Answer, { kind: 'list' }>,
  tour: Extract<Answer, { kind: 'tour' }>,
): types.HomeView {
  const dimensions = taxonomy.groups.map(
    (g) => `*${escapeSlack(g.entry.title)}*\n${escapeSlack(g.items.map((i) => i.title).join(' · '))}`,
  );
  const blocks: KnownBlock[] = [
    header('LLM taxonomy bot'),
    section(`${HELP_INTRO} New here? Take the ${tour.total}-page tour, then test yourself with the quiz.`),
    {
      type: 'actions',
      elements: [
        navButton('Start the tour', encodeAction({ type: 'tour', page: 1, version: tour.version }), true),
        navButton('Take the quiz', encodeAction({ type: 'quiz-start' })),
      ],
    },
    { type: 'divider' },
    section(`*What I know: ${taxonomy.groups.length} ways to classify models*`),
    ...fieldsSection(dimensions),
    { type: 'divider' },
    section(
      [
        '*How to ask*',
        '• `/llm <question>` in any channel; `/llm private <question>` to see the answer alone',
        '• `/llm <question> for @someone` to point a colleague at an answer',
        '• mention me in a thread to compare there, or send me a direct message',
      ].join('\n'),
    ),
    section(
      `*Try*\n${help.examples.map((q) => `• \`/llm ${escapeSlack(q.replace(/`/g, "'"))}\``).join('\n')}`,
    ),
    asOf(help.asOf),
  ];
  return { type: 'home', blocks: fitBlocks(blocks) };
}

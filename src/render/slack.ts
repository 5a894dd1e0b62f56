import type { types } from '@slack/bolt';
import { encodeAction } from '../core/actions.ts';
import type { Formula } from '../kb/schema.ts';
import { type Button, type ButtonGroup, buttonId, type Card, type Menu, type Section } from './card.ts';
import { clip } from './clip.ts';

export { clip };

type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;

// Slack's Block Kit limits (https://api.slack.com/reference/block-kit/blocks).
export const BLOCKS_MAX = 50;
export const SECTION_TEXT_MAX = 3000;
export const FIELDS_MAX = 10;
export const FIELD_TEXT_MAX = 2000;
export const HEADER_TEXT_MAX = 150;
export const BUTTON_TEXT_MAX = 75;
export const BUTTON_VALUE_MAX = 2000;
export const ACTIONS_ELEMENTS_MAX = 25;
export const OPTION_TEXT_MAX = 75;
export const OPTION_VALUE_MAX = 150;
export const SELECT_OPTIONS_MAX = 100;
export const IMAGE_ALT_TEXT_MAX = 2000;
export const IMAGE_TITLE_MAX = 2000;
/** The notification text; Slack truncates long ones, so keep it short. */
export const FALLBACK_TEXT_MAX = 3000;

/** A Slack message body: blocks plus the plain `text` shown in notifications. */
export type SlackMessage = { text: string; blocks: KnownBlock[] };

export type SlackRenderOptions = {
  /** Address the answer to this user (a Slack user id); the only mention that may ping. */
  mentionUserId?: string;
  /** The uploaded picture of a formula's LaTeX (a Slack file id); formulas without one show as Unicode. */
  formulaFile?: FormulaFileLookup;
};

/** A formula's LaTeX → the id of its uploaded picture, when there is one. */
export type FormulaFileLookup = (latex: string) => string | undefined;

/** Text shown literally in mrkdwn: `<!channel>`, `<@U1>` and links typed by users stay text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts escaped text, never leaving half an entity ("&am…") that would show a bare "&". */
function clipEscaped(text: string, max: number): string {
  return clip(text, max).replace(/&[a-z]{0,3}…$/, '…');
}

function mrkdwn(text: string, max = SECTION_TEXT_MAX) {
  return { type: 'mrkdwn' as const, text: clipEscaped(text, max) || ' ' };
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

function titled(title: string | undefined, body: string): string {
  return title ? `*${escapeSlack(title)}*\n${body}` : body;
}

function code(lines: readonly string[], room: number): string {
  // Escaped too: inside a code block Slack still reads "<…>" as markup ("j > i" in a formula).
  return `\`\`\`${clipEscaped(escapeSlack(lines.join('\n').replace(/```/g, "'''")), room)}\`\`\``;
}

// Escaped like everything else: Slack reads a bare "<question>" as a control sequence.
const USAGE = escapeSlack(
  [
    '*How to ask*',
    '• `/llm <question>` answers in the channel',
    '• `/llm private <question>` answers only you',
    '• `/llm <question> for @someone` addresses the answer to them',
    '• mention me in a thread to continue a comparison there, or send me a direct message',
  ].join('\n'),
);

function examples(title: string, questions: readonly string[]): string {
  const lines = questions.map((q) => `• \`/llm ${escapeSlack(q.replace(/`/g, "'"))}\``);
  return `*${escapeSlack(title)}*\n${lines.join('\n')}`;
}

const MARKS = { right: '✅', wrong: '❌', none: '▫️' } as const;

/** A formula as an image block showing its uploaded picture; the Unicode is its alt text. */
function formulaImage(f: Formula, fileId: string): KnownBlock {
  return {
    type: 'image',
    slack_file: { id: fileId },
    alt_text: clip(`${f.name}: ${f.unicode}`, IMAGE_ALT_TEXT_MAX),
    title: { type: 'plain_text', text: clip(f.name, IMAGE_TITLE_MAX), emoji: false },
  };
}

/** A formulas section as pictures, when every formula has one; otherwise undefined (shown as text). */
function formulaImages(
  title: string,
  formulas: readonly Formula[],
  fileOf: FormulaFileLookup,
): KnownBlock[] | undefined {
  const images: KnownBlock[] = [];
  for (const f of formulas) {
    const id = fileOf(f.latex);
    if (id === undefined) return undefined;
    images.push(formulaImage(f, id));
  }
  return [section(`*${escapeSlack(title)}*`), ...images];
}

function sectionBlocks(s: Section, fileOf?: FormulaFileLookup): KnownBlock[] {
  switch (s.type) {
    case 'prose':
      return [section(titled(s.title, escapeSlack(s.text)))];
    case 'bullets':
      return [section(titled(s.title, s.items.map((i) => `• ${escapeSlack(i)}`).join('\n')))];
    case 'inline':
      return [section(titled(s.title, escapeSlack(s.text)))];
    case 'fields':
      return fieldsSection(
        s.fields.map((f) => `*${escapeSlack(f.label)}*\n${escapeSlack(f.value)}`),
        s.title ? `*${escapeSlack(s.title)}*` : undefined,
      );
    case 'formulas': {
      const pictures = fileOf ? formulaImages(s.title, s.formulas, fileOf) : undefined;
      if (pictures) return pictures;
      const title = `*${escapeSlack(s.title)}*\n`;
      const lines = s.formulas.map((f) => `${f.name}: ${f.unicode}`);
      return [section(`${title}${code(lines, SECTION_TEXT_MAX - title.length - 10)}`)];
    }
    case 'table': {
      const [first, ...rest] = s.rows;
      const columns = s.columns.map((c, i) => `*${escapeSlack(c)}*\n${escapeSlack(first?.values[i] ?? '—')}`);
      const rows = rest.flatMap((row) =>
        fieldsSection(
          row.values.map((v, i) => `_${escapeSlack(s.columns[i] ?? '')}_\n${escapeSlack(v)}`),
          `*${escapeSlack(row.aspect)}*`,
        ),
      );
      return [...fieldsSection(columns), ...rows];
    }
    case 'options': {
      // Before an answer the options are the buttons; after it, the marked list says which was right.
      if (!s.options.some((o) => o.mark)) return [];
      const marks = s.options.map((o) => `${MARKS[o.mark ?? 'none']} ${o.letter} · ${escapeSlack(o.label)}`);
      return [section(marks.join('\n'))];
    }
    case 'examples':
      return [section(examples(s.title, s.questions))];
    case 'usage':
      return [section(USAGE)];
  }
}

function slackButton(b: Button) {
  const id = buttonId(b);
  if (id === undefined || b.disabled) return [];
  return [
    {
      type: 'button' as const,
      text: { type: 'plain_text' as const, text: clip(b.label, BUTTON_TEXT_MAX) || ' ', emoji: true },
      action_id: id,
      ...(b.action.type === 'topic' ? { value: clip(b.action.id, BUTTON_VALUE_MAX) } : {}),
      ...(b.style === 'primary' ? { style: 'primary' as const } : {}),
    },
  ];
}

function actionsBlock(group: ButtonGroup): KnownBlock[] {
  // Slack has no disabled buttons: a move that is not possible is simply not offered.
  const elements = group.buttons.flatMap(slackButton).slice(0, ACTIONS_ELEMENTS_MAX);
  return elements.length === 0 ? [] : [{ type: 'actions', elements }];
}

function menuBlock(menu: Menu): KnownBlock[] {
  const options = menu.options
    .filter((o) => o.value.length <= OPTION_VALUE_MAX)
    .slice(0, SELECT_OPTIONS_MAX)
    .map((o) => ({
      text: { type: 'plain_text' as const, text: clip(o.label, OPTION_TEXT_MAX) || ' ', emoji: false },
      value: o.value,
    }));
  if (options.length === 0) return [];
  return [
    {
      type: 'actions',
      elements: [
        {
          type: 'static_select',
          action_id: encodeAction({ type: 'pick' }),
          placeholder: { type: 'plain_text', text: clip(menu.placeholder, OPTION_TEXT_MAX) },
          options,
        },
      ],
    },
  ];
}

/** Keeps a message within Slack's block count, dropping middle blocks but keeping the last two. */
function fitBlocks(blocks: readonly KnownBlock[]): KnownBlock[] {
  if (blocks.length <= BLOCKS_MAX) return [...blocks];
  const tail = blocks.slice(-2);
  return [
    ...blocks.slice(0, BLOCKS_MAX - tail.length - 1),
    context('…more in the full answer: ask a narrower question.'),
    ...tail,
  ];
}

function blocksOf(card: Card, fileOf: FormulaFileLookup | undefined): KnownBlock[] {
  return [
    ...(card.eyebrow ? [context(`*${escapeSlack(card.eyebrow)}*`)] : []),
    ...(card.title ? [header(card.title)] : []),
    ...(card.body ? [section(escapeSlack(card.body))] : []),
    ...card.sections.flatMap((s) => sectionBlocks(s, fileOf)),
    ...(card.footer ? [context(escapeSlack(card.footer))] : []),
    ...card.actions.flatMap(actionsBlock),
    ...(card.menu ? menuBlock(card.menu) : []),
  ];
}

/** Block Kit for a card, within Slack's limits, with all text escaped so it can ping no one. */
export function cardToBlockKit(card: Card, options: SlackRenderOptions = {}): SlackMessage {
  const message = {
    text: clipEscaped(escapeSlack(card.summary), FALLBACK_TEXT_MAX),
    blocks: fitBlocks(blocksOf(card, options.formulaFile)),
  };
  return addressTo(message, options.mentionUserId);
}

/** Addresses a message to one user, the only mention it may carry. */
function addressTo(message: SlackMessage, userId: string | undefined): SlackMessage {
  if (userId === undefined || !/^[UW][A-Z0-9]{2,20}$/.test(userId)) return message;
  return {
    text: clipEscaped(`<@${userId}> ${message.text}`, FALLBACK_TEXT_MAX),
    blocks: fitBlocks([section(`<@${userId}> here's an answer for you:`), ...message.blocks]),
  };
}

/** Slack only: the Home tab, the help card laid out as a view. */
export function cardToHomeView(card: Card): types.HomeView {
  const blocks: KnownBlock[] = [
    ...(card.title ? [header(card.title)] : []),
    ...(card.body ? [section(escapeSlack(card.body))] : []),
    ...card.actions.flatMap(actionsBlock),
    { type: 'divider' },
    ...card.sections.flatMap((s) => sectionBlocks(s)),
    ...(card.footer ? [context(escapeSlack(card.footer))] : []),
  ];
  return { type: 'home', blocks: fitBlocks(blocks) };
}

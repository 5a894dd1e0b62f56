import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APIEmbedFooter,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Answer, EntryRef } from '../core/answer.ts';
import { groupOf } from '../kb/schema.ts';
import { encodeAction, threadAction } from './actions.ts';
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

// Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELDS_MAX = 25;
export const FIELD_NAME_MAX = 256;
export const FIELD_VALUE_MAX = 1024;
export const FOOTER_MAX = 2048;
export const EMBED_TOTAL_MAX = 6000;
export const CONTENT_MAX = 2000;
export const BUTTONS_PER_ROW = 5;
export const ROWS_MAX = 5;
export const BUTTON_LABEL_MAX = 80;
export const SELECT_OPTIONS_MAX = 25;
export const SELECT_TEXT_MAX = 100;
export const CUSTOM_ID_MAX = 100;
export const AUTOCOMPLETE_CHOICES_MAX = 25;
export const CHOICE_NAME_MAX = 100;

const RELATED_BUTTONS_MAX = 5;
const QUERY_ECHO_MAX = 200;
const COLORS: Record<string, number> = {
  architecture: 0x5865f2,
  training: 0x57f287,
  concept: 0x9b59b6,
  model: 0xfee75c,
};
const NONE_COLOR = 0x99aab5;
const DEFAULT_COLOR = 0xeb459e;

export type DiscordRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A message body the adapter can send as it is: a reply, an edit or a follow-up. */
export type DiscordReply = {
  content?: string;
  embeds: APIEmbed[];
  components: DiscordRow[];
  allowedMentions: { parse: []; users?: string[]; repliedUser?: boolean };
};

export type DiscordRenderOptions = {
  /** Address the answer to this user; the only mention that may ping. */
  mentionUserId?: string;
};

// One pass over the characters Discord's markdown reacts to; discord.js's escapeMarkdown runs a dozen regexes.
const MARKDOWN_CHARS = /[\\*_~`|[\]]|^\s*[#>-]/gm;

/** Text shown literally in Discord: no bold, links, headings or spoilers from whatever it contains. */
export function md(text: string): string {
  return text.replace(MARKDOWN_CHARS, (c) => `${c.slice(0, -1)}\\${c.slice(-1)}`);
}

function sectionValue(s: Section): string {
  switch (s.style) {
    case 'code':
      return `\`\`\`\n${clip(s.lines.join('\n').replace(/```/g, "'''"), FIELD_VALUE_MAX - 8)}\n\`\`\``;
    case 'bullets':
      return s.lines.map((l) => `• ${md(l)}`).join('\n');
    default:
      return md(s.lines.join('\n'));
  }
}

function field(name: string, value: string, inline = false): APIEmbedField {
  return {
    name: clip(name, FIELD_NAME_MAX) || '\u200b',
    value: clip(value, FIELD_VALUE_MAX) || '\u200b',
    inline,
  };
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Brings an embed within every Discord limit, dropping trailing fields last. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = clip(fitted.title, EMBED_TITLE_MAX);
  if (fitted.description !== undefined) fitted.description = clip(fitted.description, EMBED_DESCRIPTION_MAX);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: clip(fitted.footer.text, FOOTER_MAX) };
  fitted.fields = (fitted.fields ?? [])
    .slice(0, EMBED_FIELDS_MAX)
    .map((f) => field(f.name, f.value, f.inline));
  while (embedLength(fitted) > EMBED_TOTAL_MAX && (fitted.fields?.length ?? 0) > 0) fitted.fields?.pop();
  const over = embedLength(fitted) - EMBED_TOTAL_MAX;
  if (over > 0 && fitted.description)
    fitted.description = clip(fitted.description, fitted.description.length - over);
  return fitted;
}

function footer(asOf: string): APIEmbedFooter {
  return { text: `LLM taxonomy · products as of ${asOf}` };
}

function button(
  label: string,
  customId: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
): APIButtonComponent {
  return { type: ComponentType.Button, style, label: clip(label, BUTTON_LABEL_MAX), custom_id: customId };
}

function buttonRows(buttons: readonly APIButtonComponent[]): DiscordRow[] {
  const rows: DiscordRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < ROWS_MAX; i += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + BUTTONS_PER_ROW) });
  }
  return rows;
}

function topicButtons(refs: readonly EntryRef[], max: number): APIButtonComponent[] {
  return refs
    .map((r) => ({ r, id: encodeAction({ type: 'topic', id: r.id }) }))
    .filter(({ id }) => id.length <= CUSTOM_ID_MAX)
    .slice(0, max)
    .map(({ r, id }) => button(r.title, id));
}

function topicReply(answer: Extract<Answer, { kind: 'topic' }>): Omit<DiscordReply, 'allowedMentions'> {
  const e = answer.entry;
  const embed: APIEmbed = {
    title: e.title,
    description: md(e.summary),
    color: COLORS[groupOf(e.id)] ?? DEFAULT_COLOR,
    fields: topicSections(answer).map((s) =>
      field(s.title, sectionValue(s), s.style === 'inline' && s.key.startsWith('placement')),
    ),
    footer: footer(answer.asOf),
  };
  return {
    embeds: [fitEmbed(embed)],
    components: buttonRows(topicButtons(answer.related, RELATED_BUTTONS_MAX)),
  };
}

/** The aspects of a comparison as embed fields: one inline column per entry, then one field per aspect. */
function compareEmbed(answer: Extract<Answer, { kind: 'compare' }>, valueMax: number): APIEmbed {
  const columns = answer.entries.map((e) => field(e.title, md(clip(e.summary, valueMax)), true));
  const aspects = answer.rows
    .map((row, i) => ({ row, i }))
    .filter(({ row }) => row.aspect !== 'What it is')
    .map(({ row, i }) =>
      field(
        row.aspect,
        compareLines(answer, i)
          .map((l) => {
            const [name = '', ...rest] = l.split(': ');
            return `**${md(name)}**: ${md(clip(rest.join(': '), valueMax))}`;
          })
          .join('\n'),
      ),
    );
  const key = answer.keyDifference ? [field('Key difference', md(answer.keyDifference))] : [];
  return {
    title: answer.entries.map((e) => e.title).join(' vs '),
    color: DEFAULT_COLOR,
    fields: [...columns, ...key, ...aspects],
    footer: footer(answer.asOf),
  };
}

function compareReply(answer: Extract<Answer, { kind: 'compare' }>): Omit<DiscordReply, 'allowedMentions'> {
  const action = threadAction(answer.entries.map((e) => e.id));
  const buttons = action ? [button('Discuss in a thread', encodeAction(action), ButtonStyle.Primary)] : [];
  return { embeds: [fitEmbed(compareEmbed(answer, 300))], components: buttonRows(buttons) };
}

/** The full comparison for a thread: every aspect, split over as many messages as it takes. */
export function compareToDiscordThread(answer: Answer): DiscordReply[] {
  if (answer.kind !== 'compare') return [{ ...answerToDiscord(answer), components: [] }];
  const full = compareEmbed(answer, FIELD_VALUE_MAX);
  const fields = full.fields ?? [];
  const messages: DiscordReply[] = [];
  let batch: APIEmbedField[] = [];
  const flush = (title?: string) => {
    if (batch.length === 0) return;
    const embed: APIEmbed = { color: DEFAULT_COLOR, fields: batch, footer: footer(answer.asOf) };
    if (title) embed.title = title;
    messages.push({ embeds: [fitEmbed(embed)], components: [], allowedMentions: { parse: [] } });
    batch = [];
  };
  for (const f of fields) {
    const size = [...batch, f].reduce((n, x) => n + x.name.length + x.value.length, 0);
    if (batch.length >= EMBED_FIELDS_MAX || size > EMBED_TOTAL_MAX - 600)
      flush(messages.length === 0 ? full.title : undefined);
    batch.push(f);
  }
  flush(messages.length === 0 ? full.title : undefined);
  return messages;
}

/** A menu of entries to learn more about, answered privately; empty when there is nothing to pick. */
function pickMenu(refs: readonly EntryRef[]): DiscordRow[] {
  const options = refs
    .slice(0, SELECT_OPTIONS_MAX)
    .map((r) => ({ label: clip(r.title, SELECT_TEXT_MAX), value: r.id }));
  if (options.length === 0) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: encodeAction({ type: 'pick' }),
          placeholder: 'Learn more about…',
          options,
        },
      ],
    },
  ];
}

function listReply(answer: Extract<Answer, { kind: 'list' }>): Omit<DiscordReply, 'allowedMentions'> {
  const groups = answer.groups.map((g) =>
    field(`${g.entry.title} (${g.items.length})`, g.items.length > 0 ? md(titles(g.items)) : md(g.summary)),
  );
  const bullets = answer.groups.length === 0 ? answer.items.map((i) => `• ${md(i.title)}`) : [];
  const subject = answer.subject;
  const examplesText =
    subject.kind === 'category' && answer.items.length === 0 ? subject.examplesText : undefined;
  const count =
    answer.groups.length > 0
      ? `${answer.groups.length} ${answer.subject.kind === 'root' ? 'ways to classify' : 'categories'}:`
      : answer.items.length > 0 && answer.criteria.length === 1
        ? `${answer.items.length} example${answer.items.length === 1 ? '' : 's'}:`
        : '';
  const description = [
    md(listIntro(answer)),
    count,
    ...bullets,
    examplesText ? `Examples: ${md(examplesText)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const keyDifference =
    subject.kind === 'dimension' && subject.keyDifference
      ? [field('Key difference', md(subject.keyDifference))]
      : [];
  const embed: APIEmbed = {
    title: listHeading(answer),
    description,
    color: COLORS[groupOf(subject.id)] ?? DEFAULT_COLOR,
    fields: [...groups, ...keyDifference],
    footer: footer(answer.asOf),
  };
  const pickable = (answer.groups.length > 0 ? answer.groups.map((g) => g.entry) : answer.items).slice(
    0,
    SELECT_OPTIONS_MAX,
  );
  const components = pickMenu(pickable);
  return { embeds: [fitEmbed(embed)], components };
}

function helpReply(answer: Extract<Answer, { kind: 'help' }>): Omit<DiscordReply, 'allowedMentions'> {
  const embed: APIEmbed = {
    title: 'LLM taxonomy bot',
    description: [
      HELP_INTRO,
      '',
      `**Ways to classify:** ${md(titles(answer.dimensions))}`,
      '',
      '`/llm question:` your question · `private:` only you see the answer · `mention:` address it to someone',
      'Right-click a message → Apps → **Explain with /llm** to ask about its text.',
      'In a thread, mention me with a follow-up question.',
    ].join('\n'),
    color: DEFAULT_COLOR,
    fields: [field('Try', answer.examples.map((q) => `• \`/llm ${q.replace(/`/g, "'")}\``).join('\n'))],
    footer: footer(answer.asOf),
  };
  return { embeds: [fitEmbed(embed)], components: [] };
}

function noneReply(answer: Extract<Answer, { kind: 'none' }>): Omit<DiscordReply, 'allowedMentions'> {
  const asked = answer.query === '' ? '' : `You asked: “${md(clip(answer.query, QUERY_ECHO_MAX))}”\n\n`;
  const didYouMean = answer.suggestions.length > 0 ? '\n\nDid you mean one of these?' : '';
  const embed: APIEmbed = {
    title: "I don't know that one",
    description: `${asked}${NONE_LINE}${didYouMean}\n\n${TRY_LINE}`,
    color: NONE_COLOR,
  };
  return { embeds: [fitEmbed(embed)], components: buttonRows(topicButtons(answer.suggestions, 3)) };
}

const rendered = new WeakMap<Answer, Omit<DiscordReply, 'allowedMentions'>>();

/** A Discord message for an answer: embeds, buttons and menus within every limit, pinging no one but `mentionUserId`. */
export function answerToDiscord(answer: Answer, options: DiscordRenderOptions = {}): DiscordReply {
  // Rendering is pure, and ask() hands out the same answer object for a repeated question.
  let body = rendered.get(answer);
  if (!body) {
    body = renderBody(answer);
    rendered.set(answer, body);
  }
  return withMention(body, options.mentionUserId);
}

function renderBody(answer: Answer): Omit<DiscordReply, 'allowedMentions'> {
  if (answer.kind === 'tour') return tourReply(answer);
  if (answer.kind === 'quiz') return quizReply(answer);
  return answer.kind === 'topic'
    ? topicReply(answer)
    : answer.kind === 'compare'
      ? compareReply(answer)
      : answer.kind === 'list'
        ? listReply(answer)
        : answer.kind === 'help'
          ? helpReply(answer)
          : noneReply(answer);
}

function tourReply(answer: Extract<Answer, { kind: 'tour' }>): Omit<DiscordReply, 'allowedMentions'> {
  const p = answer.content;
  const fields = p.items.map((item) => {
    const formulas =
      item.formulas && item.formulas.length > 0
        ? `\`\`\`\n${item.formulas.join('\n').replace(/```/g, "'''")}\n\`\`\``
        : '';
    const lines = item.lines.map((l) =>
      item.lines.length > 1 && item.heading !== 'Questions to try' ? `• ${md(l)}` : md(l),
    );
    return field(item.heading, [formulas, ...lines].filter(Boolean).join('\n'));
  });
  const embed: APIEmbed = {
    author: { name: `Tour · page ${answer.page} of ${answer.total}` },
    title: p.title,
    description: md(p.intro),
    color: DEFAULT_COLOR,
    fields,
    footer: footer(answer.asOf),
  };
  const nav = (page: number, label: string, disabled: boolean): APIButtonComponent => ({
    ...button(label, encodeAction({ type: 'tour', page, version: answer.version }), ButtonStyle.Primary),
    disabled,
  });
  const rows: DiscordRow[] = [
    {
      type: ComponentType.ActionRow,
      components: [
        // A disabled button still needs its own custom_id; page 0 and total+1 are never served.
        nav(answer.page - 1, '◀ Back', answer.page <= 1),
        nav(answer.page + 1, 'Next ▶', answer.page >= answer.total),
      ],
    },
  ];
  if (answer.page >= answer.total)
    rows[0]?.components.push(
      button('Take the quiz', encodeAction({ type: 'quiz-start' }), ButtonStyle.Primary),
    );
  // Every topic on the page gets a way in: buttons while they fit in a row, a menu beyond that.
  rows.push(
    ...(p.topics.length > BUTTONS_PER_ROW
      ? pickMenu(p.topics)
      : buttonRows(topicButtons(p.topics, BUTTONS_PER_ROW))),
  );
  return { embeds: [fitEmbed(embed)], components: rows.slice(0, ROWS_MAX) };
}

function quizReply(answer: Extract<Answer, { kind: 'quiz' }>): Omit<DiscordReply, 'allowedMentions'> {
  const q = answer.question;
  const topic = q.topic?.id;
  const base = { seed: q.seed, streak: answer.streak, version: q.version, ...(topic ? { topic } : {}) };
  const result = answer.result;
  const prompt = [md(q.prompt), q.formula ? `\`\`\`\n${q.formula}\n\`\`\`` : ''].filter(Boolean).join('\n');
  const embed: APIEmbed = {
    author: { name: q.topic ? `Quiz · ${q.topic.title}` : 'Quiz' },
    title: result
      ? result.right
        ? '✅ Right!'
        : `❌ Not quite: it's ${QUIZ_LETTERS[q.correct]}, ${q.options[q.correct]?.title ?? ''}`
      : 'Your question',
    description: result ? `${prompt}\n\n${md(q.explanation)}` : prompt,
    color: result ? (result.right ? 0x57f287 : 0xed4245) : DEFAULT_COLOR,
    footer: { text: `Streak: ${answer.streak} · anyone can answer` },
  };
  const options: APIButtonComponent[] = q.options.map((o, i) => {
    const id = encodeAction({ type: 'quiz-answer', ...base, streak: result ? 0 : answer.streak, choice: i });
    const style = !result
      ? ButtonStyle.Secondary
      : i === q.correct
        ? ButtonStyle.Success
        : i === result.chosen
          ? ButtonStyle.Danger
          : ButtonStyle.Secondary;
    return {
      type: ComponentType.Button,
      style,
      label: clip(`${QUIZ_LETTERS[i]} · ${o.title}`, BUTTON_LABEL_MAX),
      custom_id: id,
      disabled: Boolean(result),
    };
  });
  const rows = buttonRows(options);
  if (result)
    rows.push(
      ...buttonRows([
        button('Next question ▶', encodeAction({ type: 'quiz-next', ...base }), ButtonStyle.Primary),
      ]),
    );
  return { embeds: [fitEmbed(embed)], components: rows };
}

/** Addresses a reply to one user: the only ping any reply may carry. */
export function withMention(
  body: Omit<DiscordReply, 'allowedMentions'>,
  userId: string | undefined,
): DiscordReply {
  if (userId === undefined || !/^\d{17,20}$/.test(userId)) return { ...body, allowedMentions: { parse: [] } };
  return {
    ...body,
    content: clip(`<@${userId}> here's an answer for you:`, CONTENT_MAX),
    allowedMentions: { parse: [], users: [userId] },
  };
}

/** A short ephemeral error a user sees, with the reference id the logs carry. */
export function discordError(message: string, reference: string): DiscordReply {
  return {
    embeds: [
      {
        description: clip(`${message}\nReference: \`${reference}\``, EMBED_DESCRIPTION_MAX),
        color: NONE_COLOR,
      },
    ],
    components: [],
    allowedMentions: { parse: [] },
  };
}

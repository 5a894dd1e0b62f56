import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { encodeAction } from '../core/actions.ts';
import type { Completion } from '../core/complete.ts';
import type { Formula } from '../kb/schema.ts';
import {
  type Button,
  type ButtonGroup,
  buttonId,
  type Card,
  type Menu,
  type Section,
  type Tone,
} from './card.ts';
import { clip } from './clip.ts';
import type { FormulaImageLookup } from './formula-images.ts';

export { clip };

// Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELDS_MAX = 25;
export const FIELD_NAME_MAX = 256;
export const FIELD_VALUE_MAX = 1024;
export const FOOTER_MAX = 2048;
export const AUTHOR_MAX = 256;
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
export const EMBEDS_MAX = 10;
export const ATTACHMENTS_MAX = 10;
/** An attachment's description, its alt text. */
export const ATTACHMENT_DESCRIPTION_MAX = 1024;

/** A comparison in the channel shows each value this long at most; the thread shows it whole. */
const COMPARE_VALUE_MAX = 300;

const COLORS: Record<Tone, number> = {
  architecture: 0x5865f2,
  training: 0x57f287,
  concept: 0x9b59b6,
  model: 0xfee75c,
  neutral: 0xeb459e,
  muted: 0x99aab5,
  right: 0x57f287,
  wrong: 0xed4245,
};

const STYLES: Record<
  Button['style'],
  ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger
> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  right: ButtonStyle.Success,
  wrong: ButtonStyle.Danger,
};

export type DiscordRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A file sent with a message, as discord.js takes it; an embed shows it as `attachment://<name>`. */
export type DiscordFile = { attachment: Buffer; name: string; description: string };

/** A message body the adapter can send as it is: a reply, an edit or a follow-up. */
export type DiscordReply = {
  content?: string;
  embeds: APIEmbed[];
  components: DiscordRow[];
  allowedMentions: { parse: []; users?: string[]; repliedUser?: boolean };
  /** Pictures the embeds show; present only when there are some. */
  files?: DiscordFile[];
};

export type DiscordRenderOptions = {
  /** Address the answer to this user; the only mention that may ping. */
  mentionUserId?: string;
  /** Formula pictures: with them, formulas show as images; without, as Unicode text. */
  formulaImage?: FormulaImageLookup;
};

type FormulasSection = Extract<Section, { type: 'formulas' }>;

/** A formula shown as a picture: the file, and the formula it shows. */
type Picture = { formula: Formula; file: DiscordFile };

/** The formulas a card shows as pictures: one section's, each with its file. */
type Pictured = { section: FormulasSection; pictures: Picture[] };

// One pass over the characters Discord's markdown reacts to; discord.js's escapeMarkdown runs a dozen regexes.
const MARKDOWN_CHARS = /[\\*_~`|[\]]|^\s*[#>-]/gm;

/** Text shown literally in Discord: no bold, links, headings or spoilers from whatever it contains. */
export function md(text: string): string {
  return text.replace(MARKDOWN_CHARS, (c) => `${c.slice(0, -1)}\\${c.slice(-1)}`);
}

function codeBlock(lines: readonly string[], max: number): string {
  return `\`\`\`\n${clip(lines.join('\n').replace(/```/g, "'''"), max - 8)}\n\`\`\``;
}

function field(name: string, value: string, inline = false): APIEmbedField {
  return {
    name: clip(name, FIELD_NAME_MAX) || '\u200b',
    value: clip(value, FIELD_VALUE_MAX) || '\u200b',
    inline,
  };
}

const USAGE = [
  '`/llm question:` your question · `private:` only you see the answer · `mention:` address it to someone',
  'Right-click a message → Apps → **Explain with /llm** to ask about its text.',
  'In a thread, mention me with a follow-up question.',
].join('\n');

function formulaLines(formulas: readonly Formula[]): string[] {
  return formulas.map((f) => `${f.name}: ${f.unicode}`);
}

/** A formulas section whose pictures are shown: their names, and the rest as Unicode text. */
function picturedField(s: FormulasSection, pictured: Pictured): APIEmbedField[] {
  const shown = new Set(pictured.pictures.map((p) => p.formula));
  const rest = s.formulas.filter((f) => !shown.has(f));
  if (s.expand)
    return rest.length > 0 ? [field(s.title, codeBlock(formulaLines(rest), FIELD_VALUE_MAX))] : [];
  const names = pictured.pictures.map((p) => `${md(clip(p.formula.name, 200))} (pictured below)`).join('\n');
  if (rest.length === 0) return [field(s.title, names)];
  return [field(s.title, `${names}\n${codeBlock(formulaLines(rest), FIELD_VALUE_MAX - names.length - 1)}`)];
}

function sectionFields(s: Section, valueMax: number, pictured?: Pictured): APIEmbedField[] {
  switch (s.type) {
    case 'prose':
      return [field(s.title ?? '\u200b', md(s.text))];
    case 'bullets':
      return [field(s.title ?? '\u200b', s.items.map((i) => `• ${md(i)}`).join('\n'))];
    case 'inline':
      return [field(s.title, md(s.text))];
    case 'fields':
      return s.fields.map((f) => field(f.label, md(f.value), true));
    case 'formulas':
      if (pictured?.section === s) return picturedField(s, pictured);
      return [field(s.title, codeBlock(formulaLines(s.formulas), FIELD_VALUE_MAX))];
    case 'table': {
      const [first, ...rest] = s.rows;
      const columns = s.columns.map((c, i) => field(c, md(clip(first?.values[i] ?? '—', valueMax)), true));
      const aspects = rest.map((row) =>
        field(
          row.aspect,
          row.values.map((v, i) => `**${md(s.columns[i] ?? '')}**: ${md(clip(v, valueMax))}`).join('\n'),
        ),
      );
      return [...columns, ...aspects];
    }
    case 'options':
      // The options are the buttons themselves on Discord.
      return [];
    case 'examples':
      return [field(s.title, s.questions.map((q) => `• \`/llm ${q.replace(/`/g, "'")}\``).join('\n'))];
    case 'usage':
      return [field('How to ask', USAGE)];
  }
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
  if (fitted.author) fitted.author = { ...fitted.author, name: clip(fitted.author.name, AUTHOR_MAX) };
  fitted.fields = (fitted.fields ?? [])
    .slice(0, EMBED_FIELDS_MAX)
    .map((f) => field(f.name, f.value, f.inline));
  while (embedLength(fitted) > EMBED_TOTAL_MAX && (fitted.fields?.length ?? 0) > 0) fitted.fields?.pop();
  const over = embedLength(fitted) - EMBED_TOTAL_MAX;
  if (over > 0 && fitted.description)
    fitted.description = clip(fitted.description, fitted.description.length - over);
  return fitted;
}

function embedOf(card: Card, sections: readonly Section[], valueMax: number, pictured?: Pictured): APIEmbed {
  // Untitled prose reads as more of the description; everything titled becomes a field.
  const isParagraph = (s: Section) => s.type === 'prose' && s.title === undefined;
  const paragraphs = sections.flatMap((s) =>
    s.type === 'prose' && s.title === undefined ? [md(s.text)] : [],
  );
  const embed: APIEmbed = {
    color: COLORS[card.tone],
    fields: sections.filter((s) => !isParagraph(s)).flatMap((s) => sectionFields(s, valueMax, pictured)),
  };
  if (card.eyebrow) embed.author = { name: card.eyebrow };
  if (card.title) embed.title = card.title;
  const description = [card.body ? md(card.body) : '', ...paragraphs].filter(Boolean).join('\n\n');
  if (description) embed.description = description;
  if (card.footer) embed.footer = { text: card.footer };
  return fitEmbed(embed);
}

/** A file name for each picture, unique in the message: Discord finds an embed's image by it. */
function fileName(formula: Formula, taken: Set<string>): string {
  const base =
    formula.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'formula';
  let name = `${base}.png`;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}.png`;
  taken.add(name);
  return name;
}

/**
 * The card's formulas that show as pictures: the first formulas section's main formula, or, for a section
 * that shows every formula, each that has a picture (one embed each, so up to Discord's embed limit).
 */
function picturesOf(card: Card, image: FormulaImageLookup): Pictured | undefined {
  const section = card.sections.find((s): s is FormulasSection => s.type === 'formulas');
  if (!section) return undefined;
  const candidates = section.expand ? section.formulas : section.formulas.slice(0, 1);
  const taken = new Set<string>();
  const pictures = candidates
    .flatMap((formula) => {
      const picture = image(formula.latex);
      if (!picture) return [];
      const description = clip(`${formula.name}: ${formula.unicode}`, ATTACHMENT_DESCRIPTION_MAX);
      const attachment = Buffer.from(picture.png.buffer, picture.png.byteOffset, picture.png.byteLength);
      return [{ formula, file: { attachment, name: fileName(formula, taken), description } }];
    })
    // One embed stays the card's own; every other can show one picture.
    .slice(0, Math.min(EMBEDS_MAX - 1, ATTACHMENTS_MAX));
  return pictures.length > 0 ? { section, pictures } : undefined;
}

/** The "Show formulas" button: every formula of the entry, as pictures, to the clicker. */
function formulasRow(pictured: Pictured | undefined): DiscordRow[] {
  const s = pictured?.section;
  if (!s || s.expand || s.entryId === undefined || s.formulas.length <= 1) return [];
  const customId = encodeAction({ type: 'formulas', id: s.entryId });
  if (customId.length > CUSTOM_ID_MAX) return [];
  return buttonRows([
    { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Show formulas', custom_id: customId },
  ]);
}

/** The embeds of a card with pictures: the main formula's on the card's embed, or one embed per formula. */
function picturedEmbeds(card: Card, pictured: Pictured): APIEmbed[] {
  const main = embedOf(card, card.sections, COMPARE_VALUE_MAX, pictured);
  const [first] = pictured.pictures;
  if (!pictured.section.expand && first)
    return [{ ...main, image: { url: `attachment://${first.file.name}` } }];
  const color = main.color ?? COLORS[card.tone];
  return [
    main,
    ...pictured.pictures.map((p) => ({
      color,
      title: clip(p.formula.name, EMBED_TITLE_MAX),
      image: { url: `attachment://${p.file.name}` },
    })),
  ];
}

function discordButton(b: Button): APIButtonComponent | undefined {
  const id = buttonId(b);
  if (id === undefined) return undefined;
  return {
    type: ComponentType.Button,
    style: STYLES[b.style],
    label: clip(b.label, BUTTON_LABEL_MAX),
    custom_id: id,
    ...(b.disabled ? { disabled: true } : {}),
  };
}

function buttonRows(buttons: readonly APIButtonComponent[]): DiscordRow[] {
  const rows: DiscordRow[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + BUTTONS_PER_ROW) });
  }
  return rows;
}

function selectRow(menu: Menu): DiscordRow[] {
  const options = menu.options
    .filter((o) => o.value.length <= SELECT_TEXT_MAX)
    .slice(0, SELECT_OPTIONS_MAX)
    .map((o) => ({ label: clip(o.label, SELECT_TEXT_MAX), value: o.value }));
  if (options.length === 0) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.StringSelect,
          custom_id: encodeAction({ type: 'pick' }),
          placeholder: clip(menu.placeholder, SELECT_TEXT_MAX),
          options,
        },
      ],
    },
  ];
}

/** Links to topics stay buttons while they fit in one row; beyond that they become a menu. */
function groupRows(group: ButtonGroup): DiscordRow[] {
  const isLinks = group.role === 'topics' || group.role === 'related' || group.role === 'suggestions';
  if (isLinks && group.buttons.length > BUTTONS_PER_ROW) {
    return selectRow({
      placeholder: 'Learn more about…',
      options: group.buttons.flatMap((b) =>
        b.action.type === 'topic' ? [{ label: b.label, value: b.action.id }] : [],
      ),
    });
  }
  return buttonRows(group.buttons.flatMap((b) => discordButton(b) ?? []));
}

function components(card: Card, pictured?: Pictured): DiscordRow[] {
  const thread = card.thread
    ? buttonRows([
        {
          type: ComponentType.Button,
          style: ButtonStyle.Primary,
          label: 'Discuss in a thread',
          custom_id: encodeAction(card.thread),
        },
      ])
    : [];
  const rows = [
    ...formulasRow(pictured),
    ...card.actions.flatMap(groupRows),
    ...(card.menu ? selectRow(card.menu) : []),
    ...thread,
  ];
  return rows.slice(0, ROWS_MAX);
}

/** A Discord message for a card: embeds, buttons and menus within every limit, pinging no one but `mentionUserId`. */
export function cardToDiscord(card: Card, options: DiscordRenderOptions = {}): DiscordReply {
  // A card with nothing but a line of text is a notice: plain content reads better than an embed.
  const plain = card.title === undefined && card.sections.length === 0 && card.actions.length === 0;
  if (plain)
    return withMention(
      { content: clip(md(card.body ?? card.summary), CONTENT_MAX), embeds: [], components: [] },
      options.mentionUserId,
    );
  const pictured = options.formulaImage ? picturesOf(card, options.formulaImage) : undefined;
  if (!pictured)
    return withMention(
      { embeds: [embedOf(card, card.sections, COMPARE_VALUE_MAX)], components: components(card) },
      options.mentionUserId,
    );
  const body = {
    embeds: picturedEmbeds(card, pictured),
    components: components(card, pictured),
    files: pictured.pictures.map((p) => p.file),
  };
  return withMention(body, options.mentionUserId);
}

/** The full card for a thread: every section unclipped, split over as many messages as it takes. */
export function cardToDiscordThread(card: Card): DiscordReply[] {
  const full = embedOf({ ...card, body: '' }, [], FIELD_VALUE_MAX);
  const fields = card.sections.flatMap((s) => sectionFields(s, FIELD_VALUE_MAX));
  const messages: DiscordReply[] = [];
  let batch: APIEmbedField[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const embed: APIEmbed = { color: full.color ?? COLORS.neutral, fields: batch };
    if (full.footer) embed.footer = full.footer;
    if (messages.length === 0 && full.title) embed.title = full.title;
    messages.push({ embeds: [fitEmbed(embed)], components: [], allowedMentions: { parse: [] } });
    batch = [];
  };
  for (const f of fields) {
    const size = [...batch, f].reduce((n, x) => n + x.name.length + x.value.length, 0);
    if (batch.length >= EMBED_FIELDS_MAX || size > EMBED_TOTAL_MAX - 600) flush();
    batch.push(f);
  }
  flush();
  return messages;
}

/** The end of a text that fits in `max` UTF-16 units, starting at a word where it can, marked "…" when cut. */
function tail(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return '';
  const points = [...text];
  let out = '';
  for (let i = points.length - 1; i >= 0; i--) {
    const next = (points[i] ?? '') + out;
    if (next.length > max - 1) break;
    out = next;
  }
  const word = out.indexOf(' ');
  // Start at a whole word unless that would leave almost nothing.
  const trimmed = word >= 0 && word < out.length / 2 ? out.slice(word + 1) : out;
  return `…${trimmed}`;
}

export type Choice = { name: string; value: string };

/**
 * Autocomplete choices: the suggestion always whole, what was typed shortened from the front, names unique,
 * and each value a whole question (the full one when it fits, a short one naming the suggestion when not, else none).
 */
export function completionsToChoices(completions: readonly Completion[]): Choice[] {
  const seen = new Set<string>();
  const choices: Choice[] = [];
  for (const c of completions) {
    const suggestion = clip(c.suggestion, CHOICE_NAME_MAX);
    const room = CHOICE_NAME_MAX - suggestion.length - 1;
    const typed = c.typed.trim() === '' || room < 2 ? '' : tail(c.typed.trim(), room);
    const name = typed === '' ? suggestion : `${typed} ${suggestion}`;
    const value = [c.question, c.short].find((q) => q.trim().length > 0 && q.length <= CHOICE_NAME_MAX);
    // A choice that cannot carry a whole question is left out rather than sending half of one.
    if (value === undefined || seen.has(name) || name.length === 0) continue;
    seen.add(name);
    choices.push({ name, value });
    if (choices.length >= AUTOCOMPLETE_CHOICES_MAX) break;
  }
  return choices;
}

/** Addresses a reply to one user: the only ping any reply may carry. */
function withMention(body: Omit<DiscordReply, 'allowedMentions'>, userId: string | undefined): DiscordReply {
  if (userId === undefined || !/^\d{17,20}$/.test(userId)) return { ...body, allowedMentions: { parse: [] } };
  const greeting = `<@${userId}> here's an answer for you:`;
  return {
    ...body,
    content: body.content ? clip(`${greeting}\n${body.content}`, CONTENT_MAX) : greeting,
    allowedMentions: { parse: [], users: [userId] },
  };
}

import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  Events,
  type GuildMember,
  type Interaction,
  type Message,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  RateLimitError,
  type RepliableInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { EXPLAIN_MESSAGE_COMMAND, LLM_COMMAND } from '../../../commands/definitions.ts';
import { completeQuestion, decodeAction, deliveryOf, type Request } from '../../core/respond.ts';
import { newReference } from '../../log.ts';
import { answerToCard, type Card, noticeText } from '../../render/card.ts';
import {
  cardToDiscord,
  cardToDiscordThread,
  clip,
  completionsToChoices,
  type DiscordRenderOptions,
  type DiscordReply,
} from '../../render/discord.ts';
import type { Origin, Pipeline } from '../pipeline.ts';

export type DiscordOptions = {
  /** Greet new members in this channel with the tour's first page (needs the GuildMembers intent). */
  welcomeChannelId?: string;
};

/** Discord-only words: the thread exit and its notes. */
export const DISCORD_MESSAGES = {
  threadStarted: (threadId: string) => `Started a thread for this comparison: <#${threadId}>`,
  threadFailed: "I couldn't start a thread here (I may lack the permission). The comparison is above.",
} as const;

const THREAD_NAME_MAX = 100;

/** Wires the bot's behaviour onto a discord.js client: slash command, autocomplete, components, context menu, mentions. */
export function registerDiscordHandlers(client: Client, pipeline: Pipeline, options: DiscordOptions): void {
  client.on(Events.InteractionCreate, (interaction) => {
    void pipeline.track(() => handleInteraction(interaction, pipeline));
  });
  client.on(Events.MessageCreate, (message) => {
    void pipeline.track(() => handleMention(client, message, pipeline));
  });
  const welcome = options.welcomeChannelId;
  if (welcome) {
    client.on(Events.GuildMemberAdd, (member) => {
      void greetMember(client, member, welcome, pipeline);
    });
  }
}

function render(card: Card, options: DiscordRenderOptions = {}) {
  return prepared(cardToDiscord(card, options));
}

/** An answer's card, with formula pictures when they are turned on. */
function renderAnswer(pipeline: Pipeline, card: Card, options: DiscordRenderOptions = {}) {
  const image = pipeline.formulaImage;
  return render(card, image ? { ...options, formulaImage: image } : options);
}

function ask(pipeline: Pipeline, request: Request, origin: Origin): Card {
  return answerToCard(pipeline.answer(request, origin));
}

/** Posts the tour's first page in the welcome channel, addressed to the new member (the only ping). */
async function greetMember(client: Client, member: GuildMember, channelId: string, pipeline: Pipeline) {
  if (member.user.bot) return;
  await pipeline.guard(
    'could not welcome a new member',
    { channelId },
    async () => {
      const channel = await client.channels.fetch(channelId);
      if (!channel?.isSendable())
        throw new Error(`welcome channel ${channelId} is not a text channel the bot can post in`);
      const card = ask(
        pipeline,
        { type: 'tour', page: 1 },
        { platform: 'discord', via: 'welcome', userId: member.id },
      );
      await channel.send(renderAnswer(pipeline, card, { mentionUserId: member.id }));
      pipeline.logger.info({ channelId }, 'welcomed a new member');
    },
    // Nobody asked, so nobody is told: the log has it.
    async () => undefined,
  );
}

async function handleInteraction(interaction: Interaction, pipeline: Pipeline): Promise<void> {
  const dispatch = async () => {
    if (interaction.isAutocomplete()) await handleAutocomplete(interaction, pipeline);
    else if (interaction.isChatInputCommand()) await handleSlash(interaction, pipeline);
    else if (interaction.isMessageContextMenuCommand()) await handleExplain(interaction, pipeline);
    else if (interaction.isButton() || interaction.isStringSelectMenu())
      await handleComponent(interaction, pipeline);
  };
  await pipeline.guard(
    'interaction failed',
    { interactionId: interaction.id, type: interaction.type },
    () => withinDeadline(interaction, pipeline, dispatch),
    async (note) => {
      if (interaction.isRepliable()) await sendPrivately(interaction, cardToDiscord(note));
    },
  );
}

/** Discord accepts an interaction's first response for 3 seconds; a little is kept back for the trip. */
const RESPONSE_WINDOW_MS = 3_000;
const RESPONSE_MARGIN_MS = 300;

/**
 * Runs a handler whose first response may be rate limited. A wait that still fits Discord's window is
 * waited out and the handler run again (nothing was sent: only the first response is handed back); a longer
 * one means no answer can arrive in time, so it is logged once, with a reference, and not retried.
 */
async function withinDeadline(interaction: Interaction, pipeline: Pipeline, run: () => Promise<void>) {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof RateLimitError)) throw err;
    const left = interaction.createdTimestamp + RESPONSE_WINDOW_MS - RESPONSE_MARGIN_MS - Date.now();
    if (err.retryAfter <= left) {
      await new Promise((resolve) => setTimeout(resolve, err.retryAfter));
      await run();
      return;
    }
    pipeline.logger.warn(
      {
        reference: newReference(),
        interactionId: interaction.id,
        retryAfterMs: err.retryAfter,
        global: err.global,
      },
      "rate limited past Discord's 3-second window: this interaction could not be answered",
    );
  }
}

async function handleAutocomplete(interaction: AutocompleteInteraction, pipeline: Pipeline): Promise<void> {
  const typed = String(interaction.options.getFocused());
  await interaction.respond(completionsToChoices(completeQuestion(pipeline.kb(), typed)));
}

async function handleSlash(interaction: ChatInputCommandInteraction, pipeline: Pipeline): Promise<void> {
  if (interaction.commandName !== LLM_COMMAND.name) return;
  const text = interaction.options.getString('question') ?? '';
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  const target = interaction.options.getUser('mention');
  const card = ask(pipeline, { type: 'question', text }, origin(interaction, 'slash'));
  // A bot can't be addressed; a mention of one is dropped rather than pinging it.
  const mentionUserId = target && !target.bot ? target.id : undefined;
  await interaction.reply(
    withFlags(renderAnswer(pipeline, card, mentionUserId ? { mentionUserId } : {}), isPrivate),
  );
}

async function handleExplain(
  interaction: MessageContextMenuCommandInteraction,
  pipeline: Pipeline,
): Promise<void> {
  if (interaction.commandName !== EXPLAIN_MESSAGE_COMMAND.name) return;
  const text = interaction.targetMessage.content.trim();
  const card =
    text === ''
      ? answerToCard({ kind: 'notice', reason: 'empty-message' })
      : ask(pipeline, { type: 'question', text }, origin(interaction, 'context-menu'));
  await interaction.reply(withFlags(renderAnswer(pipeline, card), true));
}

/** A click: a related topic goes to the clicker only, a tour or quiz step replaces the message, a thread starts a thread. */
async function handleComponent(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  pipeline: Pipeline,
): Promise<void> {
  const action = decodeAction(interaction.customId);
  const choice = interaction.isStringSelectMenu() ? interaction.values[0] : undefined;
  const request: Request = action
    ? { type: 'action', action, ...(choice === undefined ? {} : { choice }) }
    : { type: 'action', action: { type: 'pick' } };
  const answer = pipeline.answer(request, origin(interaction, 'component'));
  const card = answerToCard(answer);
  const delivery = action && answer.kind !== 'notice' ? deliveryOf(action) : 'private';
  if (delivery === 'thread' && interaction.isButton()) await startThread(interaction, card, pipeline);
  else if (delivery === 'replace')
    await interaction.update(replacing(pipeline, renderAnswer(pipeline, card)));
  else await interaction.reply(withFlags(renderAnswer(pipeline, card), true));
}

async function startThread(interaction: ButtonInteraction, card: Card, pipeline: Pipeline) {
  // Creating a thread and posting can take a while: acknowledge first, privately.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const message = interaction.message;
  let thread = message.thread;
  if (!thread) {
    try {
      thread = await message.startThread({ name: clip(`Compare: ${card.title ?? ''}`, THREAD_NAME_MAX) });
    } catch (err) {
      pipeline.logger.warn({ err, messageId: message.id }, 'could not start a thread');
      await interaction.editReply(render(noticeText(DISCORD_MESSAGES.threadFailed)));
      return;
    }
  }
  for (const part of cardToDiscordThread(card)) await thread.send(prepared(part));
  await interaction.editReply(plain(DISCORD_MESSAGES.threadStarted(thread.id)));
}

/** A message that mentions the bot (in a thread, say) is answered where it was asked. */
async function handleMention(client: Client, message: Message, pipeline: Pipeline): Promise<void> {
  const me = client.user;
  if (!me || message.author.bot || message.author.id === me.id) return;
  if (!message.mentions.users.has(me.id)) return;
  const reply = (body: DiscordReply) =>
    message.reply({ ...prepared(body), allowedMentions: { parse: [], repliedUser: false } });
  await pipeline.guard(
    'failed to answer a mention',
    { messageId: message.id },
    async () => {
      const text = message.content.replace(/<@!?\d+>/g, ' ').trim();
      const via = message.channel.isThread() ? 'thread-mention' : 'mention';
      const card = ask(
        pipeline,
        { type: 'question', text },
        { platform: 'discord', via, userId: message.author.id },
      );
      await reply(cardToDiscord(card, pipeline.formulaImage ? { formulaImage: pipeline.formulaImage } : {}));
    },
    (note) => reply(cardToDiscord(note)),
  );
}

function origin(interaction: Interaction, via: string): Origin {
  return { platform: 'discord', via, userId: interaction.user.id };
}

/** Our own text with a channel link: sent as it is, pinging no one. */
function plain(content: string) {
  return { content, embeds: [], components: [], allowedMentions: { parse: [] as [] } };
}

/** Hands discord.js our ready-made API JSON as-is; plain objects would be re-walked by its snake_case transformer. */
function prepared(reply: DiscordReply) {
  return {
    ...reply,
    embeds: reply.embeds.map((e) => ({ toJSON: () => e })),
    components: reply.components.map((c) => ({ toJSON: () => c })),
  };
}

/**
 * An edit in place. With pictures on, the message's old attachments are dropped (a new one is sent with the
 * body): left, the previous page's picture would show as a loose file under the new one.
 */
function replacing(pipeline: Pipeline, body: ReturnType<typeof prepared>) {
  return pipeline.formulaImage ? { ...body, attachments: [] } : body;
}

function withFlags(body: ReturnType<typeof prepared>, ephemeral: boolean) {
  return ephemeral ? { ...body, flags: MessageFlags.Ephemeral as const } : body;
}

async function sendPrivately(interaction: RepliableInteraction, reply: DiscordReply) {
  const body = prepared(reply);
  // A deferred reply was already made private when it was deferred; edit it in place.
  if (interaction.deferred && !interaction.replied) await interaction.editReply(body);
  else if (interaction.replied) await interaction.followUp(withFlags(body, true));
  else await interaction.reply(withFlags(body, true));
}

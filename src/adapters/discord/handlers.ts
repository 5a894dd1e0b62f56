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
  type RepliableInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { EXPLAIN_MESSAGE_COMMAND, LLM_COMMAND } from '../../../commands/definitions.ts';
import type { Answer } from '../../core/answer.ts';
import { ask } from '../../core/ask.ts';
import { compareAnswer, topicAnswer } from '../../core/build.ts';
import { completeQuestion } from '../../core/complete.ts';
import { tourAnswer } from '../../core/onboarding.ts';
import { newSeed } from '../../core/quiz.ts';
import type { KnowledgeBase } from '../../kb/loader.ts';
import { type Logger, newReference } from '../../log.ts';
import type { AnswerEvent } from '../../observe.ts';
import { decodeAction } from '../../render/actions.ts';
import {
  AUTOCOMPLETE_CHOICES_MAX,
  answerToDiscord,
  CHOICE_NAME_MAX,
  clip,
  compareToDiscordThread,
  type DiscordReply,
  discordError,
} from '../../render/discord.ts';
import type { Inflight } from '../../runtime/inflight.ts';
import { onboardingStep } from '../onboarding.ts';

export type DiscordDeps = {
  /** The current knowledge base; a function so a live reload is seen by the next question. */
  kb: () => KnowledgeBase;
  logger: Logger;
  /** Reports each answered question (for logs and health); optional. */
  onAnswer?: (event: AnswerEvent) => void;
  /** Greet new members in this channel with the tour's first page (needs the GuildMembers intent). */
  welcomeChannelId?: string;
  /** Tracks work in flight so a shutdown can finish it; absent, work just runs. */
  inflight?: Inflight;
};

export const DISCORD_MESSAGES = {
  failed: 'Sorry, something went wrong while answering. Please try again in a moment.',
  expired: 'This button has expired. Ask again with `/llm`.',
  emptyMessage: 'That message has no text I can explain. Try `/llm` with a question instead.',
  threadStarted: (threadId: string) => `Started a thread for this comparison: <#${threadId}>`,
  threadFailed: "I couldn't start a thread here (I may lack the permission). The comparison is above.",
} as const;

const THREAD_NAME_MAX = 100;

/** Wires the bot's behaviour onto a discord.js client: slash command, autocomplete, components, context menu, mentions. */
export function registerDiscordHandlers(client: Client, deps: DiscordDeps): void {
  const run = <T>(work: () => Promise<T>) => (deps.inflight ? deps.inflight.run(work) : work());
  client.on(Events.InteractionCreate, (interaction) => {
    void run(() => handleInteraction(interaction, deps));
  });
  client.on(Events.MessageCreate, (message) => {
    void run(() => handleMention(client, message, deps));
  });
  const welcome = deps.welcomeChannelId;
  if (welcome) {
    client.on(Events.GuildMemberAdd, (member) => {
      void greetMember(client, member, welcome, deps);
    });
  }
}

/** Posts the tour's first page in the welcome channel, addressed to the new member (the only ping). */
async function greetMember(
  client: Client,
  member: GuildMember,
  channelId: string,
  deps: DiscordDeps,
): Promise<void> {
  if (member.user.bot) return;
  try {
    const tour = tourAnswer(deps.kb(), 1);
    const channel = await client.channels.fetch(channelId);
    if (!tour || !channel?.isSendable())
      throw new Error(`welcome channel ${channelId} is not a text channel the bot can post in`);
    await channel.send(prepared(answerToDiscord(tour, { mentionUserId: member.id })));
    deps.logger.info({ channelId }, 'welcomed a new member');
  } catch (err) {
    deps.logger.error({ err, reference: newReference(), channelId }, 'could not welcome a new member');
  }
}

function answerFor(deps: DiscordDeps, question: string, via: string, userId: string, seed?: number): Answer {
  const start = performance.now();
  // A seed only matters for "quiz": each one gets a fresh question.
  const answer = ask(deps.kb(), question, seed === undefined ? {} : { seed });
  deps.onAnswer?.({ platform: 'discord', via, question, answer, userId, ms: performance.now() - start });
  return answer;
}

async function handleInteraction(interaction: Interaction, deps: DiscordDeps): Promise<void> {
  try {
    if (interaction.isAutocomplete()) await handleAutocomplete(interaction, deps);
    else if (interaction.isChatInputCommand()) await handleSlash(interaction, deps);
    else if (interaction.isMessageContextMenuCommand()) await handleExplain(interaction, deps);
    else if (interaction.isButton()) await handleButton(interaction, deps);
    else if (interaction.isStringSelectMenu()) await handlePick(interaction, deps);
  } catch (err) {
    await reportFailure(interaction, err, deps);
  }
}

async function handleAutocomplete(interaction: AutocompleteInteraction, deps: DiscordDeps): Promise<void> {
  const typed = String(interaction.options.getFocused());
  const choices = completeQuestion(deps.kb(), typed)
    .slice(0, AUTOCOMPLETE_CHOICES_MAX)
    .map((c) => ({ name: clip(c.label, CHOICE_NAME_MAX), value: clip(c.question, CHOICE_NAME_MAX) }))
    .filter((c) => c.name.length >= 1 && c.value.length >= 1);
  await interaction.respond(choices);
}

async function handleSlash(interaction: ChatInputCommandInteraction, deps: DiscordDeps): Promise<void> {
  if (interaction.commandName !== LLM_COMMAND.name) return;
  const question = interaction.options.getString('question') ?? '';
  const isPrivate = interaction.options.getBoolean('private') ?? false;
  const target = interaction.options.getUser('mention');
  const answer = answerFor(deps, question, 'slash', interaction.user.id, newSeed());
  // A bot can't be addressed; a mention of one is dropped rather than pinging it.
  const mentionUserId = target && !target.bot ? target.id : undefined;
  const reply = answerToDiscord(answer, mentionUserId ? { mentionUserId } : {});
  await interaction.reply(withFlags(reply, isPrivate));
}

async function handleExplain(
  interaction: MessageContextMenuCommandInteraction,
  deps: DiscordDeps,
): Promise<void> {
  if (interaction.commandName !== EXPLAIN_MESSAGE_COMMAND.name) return;
  const text = interaction.targetMessage.content.trim();
  if (text === '') {
    await interaction.reply(withFlags(discordNotice(DISCORD_MESSAGES.emptyMessage), true));
    return;
  }
  const answer = answerFor(deps, text, 'context-menu', interaction.user.id);
  await interaction.reply(withFlags(answerToDiscord(answer), true));
}

async function handleButton(interaction: ButtonInteraction, deps: DiscordDeps): Promise<void> {
  const action = decodeAction(interaction.customId);
  if (action?.type === 'topic') {
    await replyWithTopic(interaction, deps, action.id);
  } else if (action?.type === 'thread') {
    await startComparisonThread(interaction, deps, action.ids);
  } else if (action) {
    // Tour pages and quiz steps replace the message they were clicked on: anyone can page, nothing is stored.
    const next = onboardingStep(deps.kb(), action);
    if (next) {
      deps.onAnswer?.({
        platform: 'discord',
        via: 'component',
        answer: next,
        userId: interaction.user.id,
        ms: 0,
      });
      await interaction.update(prepared(answerToDiscord(next)));
    } else await interaction.reply(withFlags(discordNotice(DISCORD_MESSAGES.expired), true));
  } else {
    await interaction.reply(withFlags(discordNotice(DISCORD_MESSAGES.expired), true));
  }
}

async function handlePick(interaction: StringSelectMenuInteraction, deps: DiscordDeps): Promise<void> {
  const action = decodeAction(interaction.customId);
  const [id] = interaction.values;
  if (action?.type !== 'pick' || id === undefined) {
    await interaction.reply(withFlags(discordNotice(DISCORD_MESSAGES.expired), true));
    return;
  }
  await replyWithTopic(interaction, deps, id);
}

/** A related-topic or did-you-mean click: the answer goes to the clicker only, never the channel. */
async function replyWithTopic(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  deps: DiscordDeps,
  id: string,
) {
  const kb = deps.kb();
  const entry = kb.byId.get(id);
  if (!entry) {
    await interaction.reply(withFlags(discordNotice(DISCORD_MESSAGES.expired), true));
    return;
  }
  const answer = topicAnswer(kb, entry, 'overview');
  deps.onAnswer?.({ platform: 'discord', via: 'component', answer, userId: interaction.user.id, ms: 0 });
  await interaction.reply(withFlags(answerToDiscord(answer), true));
}

async function startComparisonThread(
  interaction: ButtonInteraction,
  deps: DiscordDeps,
  ids: readonly string[],
) {
  const kb = deps.kb();
  const entries = ids.flatMap((id) => {
    const e = kb.byId.get(id);
    return e ? [e] : [];
  });
  if (entries.length !== ids.length) {
    await interaction.reply(withFlags(discordNotice(DISCORD_MESSAGES.expired), true));
    return;
  }
  const answer = compareAnswer(kb, entries, 'overview');
  const question = entries.map((e) => e.title).join(' vs ');
  // Creating a thread and posting can take a while: acknowledge first, privately.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const message = interaction.message;
  let thread = message.thread;
  if (!thread) {
    try {
      thread = await message.startThread({ name: clip(`Compare: ${question}`, THREAD_NAME_MAX) });
    } catch (err) {
      deps.logger.warn({ err, messageId: message.id }, 'could not start a thread');
      await interaction.editReply(prepared(discordNotice(DISCORD_MESSAGES.threadFailed)));
      return;
    }
  }
  for (const part of compareToDiscordThread(answer)) await thread.send(prepared(part));
  await interaction.editReply(prepared(discordNotice(DISCORD_MESSAGES.threadStarted(thread.id))));
}

/** A message that mentions the bot (in a thread, say) is answered where it was asked. */
async function handleMention(client: Client, message: Message, deps: DiscordDeps): Promise<void> {
  const me = client.user;
  if (!me || message.author.bot || message.author.id === me.id) return;
  if (!message.mentions.users.has(me.id)) return;
  try {
    const question = message.content.replace(/<@!?\d+>/g, ' ').trim();
    const answer = answerFor(
      deps,
      question,
      message.channel.isThread() ? 'thread-mention' : 'mention',
      message.author.id,
    );
    await message.reply({
      ...prepared(answerToDiscord(answer)),
      allowedMentions: { parse: [], repliedUser: false },
    });
  } catch (err) {
    const reference = newReference();
    deps.logger.error({ err, reference, messageId: message.id }, 'failed to answer a mention');
    await message
      .reply({
        ...discordError(DISCORD_MESSAGES.failed, reference),
        allowedMentions: { parse: [], repliedUser: false },
      })
      .catch((e: unknown) => deps.logger.error({ err: e, reference }, 'could not report the failure'));
  }
}

function discordNotice(text: string): DiscordReply {
  return { content: text, embeds: [], components: [], allowedMentions: { parse: [] } };
}

/** Hands discord.js our ready-made API JSON as-is; plain objects would be re-walked by its snake_case transformer. */
function prepared(reply: DiscordReply) {
  return {
    ...reply,
    embeds: reply.embeds.map((e) => ({ toJSON: () => e })),
    components: reply.components.map((c) => ({ toJSON: () => c })),
  };
}

function withFlags(reply: DiscordReply, ephemeral: boolean) {
  const body = prepared(reply);
  return ephemeral ? { ...body, flags: MessageFlags.Ephemeral as const } : body;
}

/** Every failure: a reference id in the logs with the full error, and a friendly private note to the user. */
async function reportFailure(interaction: Interaction, err: unknown, deps: DiscordDeps): Promise<void> {
  const reference = newReference();
  deps.logger.error(
    { err, reference, interactionId: interaction.id, type: interaction.type },
    'interaction failed',
  );
  if (!interaction.isRepliable()) return;
  try {
    await sendFailure(interaction, discordError(DISCORD_MESSAGES.failed, reference));
  } catch (e) {
    deps.logger.error({ err: e, reference }, 'could not report the failure to the user');
  }
}

async function sendFailure(interaction: RepliableInteraction, body: DiscordReply) {
  // A deferred reply was already made private when it was deferred; edit it in place.
  if (interaction.deferred && !interaction.replied) await interaction.editReply(prepared(body));
  else if (interaction.replied) await interaction.followUp(withFlags(body, true));
  else await interaction.reply(withFlags(body, true));
}

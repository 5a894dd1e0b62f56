import type { App, BlockAction, SlackActionMiddlewareArgs, SlashCommand, webApi } from '@slack/bolt';
import { LLM_COMMAND } from '../../../commands/definitions.ts';
import { decodeAction, deliveryOf, type Request } from '../../core/respond.ts';
import { answerToCard, type Card } from '../../render/card.ts';
import {
  cardToBlockKit,
  cardToHomeView,
  type SlackMessage,
  type SlackRenderOptions,
} from '../../render/slack.ts';
import { createMemoryDedupe, type Dedupe } from '../../runtime/dedupe.ts';
import type { Origin, Pipeline } from '../pipeline.ts';
import { createFormulaFiles, type FormulaFiles } from './formula-files.ts';

export type SlackOptions = {
  /** Greet people who join the workspace with the tour's first page, in a direct message. */
  welcome?: boolean;
  /** Where repeats are remembered (events, signed requests, envelopes); in-process when absent. */
  dedupe?: Dedupe;
};

/** The keys that identify one delivery, put in Bolt's context by the receiver. */
export type Delivery = { keys: string[]; ttlMs: number };
export const DELIVERY_CONTEXT_KEY = 'slackDelivery';

/** How many recent event ids are remembered, when no store is given. */
const SEEN_EVENTS_MAX = 5000;
/** How long an event id is remembered: Slack's last retry comes about 5 minutes after the first try. */
const EVENT_TTL_MS = 60 * 60 * 1000;
const PRIVATE_PREFIX = /^\s*(?:private|privately|only me|just me)\b[\s:,-]*/i;
// With "escape" on in the manifest, Slack sends a mentioned user as <@U123|alice>.
const ADDRESSED_TO = /(?:^|\s)for\s+<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>\s*$/i;

/** A slash command's text: whether it is private, who it is addressed to, and the question itself. */
export function parseSlashText(text: string): {
  question: string;
  isPrivate: boolean;
  mentionUserId?: string;
} {
  let question = text;
  const isPrivate = PRIVATE_PREFIX.test(question);
  question = question.replace(PRIVATE_PREFIX, '');
  // Only "… for @alice" at the end addresses someone; a mention inside the question is just text.
  const addressed = question.match(ADDRESSED_TO);
  const mentionUserId = addressed?.[1];
  if (addressed) question = question.replace(ADDRESSED_TO, '');
  return { question: question.trim(), isPrivate, ...(mentionUserId ? { mentionUserId } : {}) };
}

function render(card: Card, options: SlackRenderOptions = {}): SlackMessage {
  return cardToBlockKit(card, options);
}

function ask(pipeline: Pipeline, request: Request, origin: Origin): Card {
  return answerToCard(pipeline.answer(request, origin));
}

/** Sends a card: posts it, with formula pictures when they are on and uploaded. */
type Send = (
  card: Card,
  options: SlackRenderOptions,
  post: (message: SlackMessage) => Promise<unknown>,
) => Promise<void>;

/** Sends with pictures where it can; a message Slack refuses with them goes again as text. */
function sender(files: FormulaFiles | undefined): Send {
  return async (card, options, post) => {
    const formulaFile = await files?.filesFor(card);
    if (!files || !formulaFile) {
      await post(render(card, options));
      return;
    }
    try {
      await post(render(card, { ...options, formulaFile }));
    } catch (err) {
      files.messageRefused(err);
      await post(render(card, options));
    }
  };
}

function isDelivery(x: unknown): x is Delivery {
  if (typeof x !== 'object' || x === null) return false;
  const { keys, ttlMs } = x as { keys?: unknown; ttlMs?: unknown };
  return Array.isArray(keys) && keys.every((k) => typeof k === 'string') && typeof ttlMs === 'number';
}

/** True unless the store has seen any of the keys; a failing store lets the delivery through. */
async function firstSeen(dedupe: Dedupe, keys: readonly string[], ttlMs: number, pipeline: Pipeline) {
  try {
    const fresh = await Promise.all(keys.map((k) => dedupe.firstSeen(k, ttlMs)));
    return fresh.every(Boolean);
  } catch (err) {
    // Answering twice beats not answering at all.
    pipeline.logger.warn({ err }, 'slack de-duplication store failed');
    return true;
  }
}

/** What kind of delivery a body is, for logs: never its content. */
function kindOf(body: object): string {
  if ('command' in body && typeof body.command === 'string') return 'slash_command';
  return 'type' in body && typeof body.type === 'string' ? body.type : 'unknown';
}

/** Wires the bot's behaviour onto a Bolt app: /llm, mentions, DMs, buttons, the Home tab. */
export function registerSlackHandlers(app: App, pipeline: Pipeline, options: SlackOptions): void {
  const dedupe = options.dedupe ?? createMemoryDedupe(SEEN_EVENTS_MAX);
  const image = pipeline.formulaImage;
  const send = sender(image ? createFormulaFiles(app.client, image, pipeline.logger) : undefined);
  // Once shutting down, nothing new starts: unacked, Slack retries elsewhere (or after the restart).
  app.use(async ({ next }) => {
    await pipeline.track(next);
  });
  // The same signed bytes (or Socket Mode envelope) again: acked so Slack stops, but not answered twice.
  app.use(async (args) => {
    const delivery: unknown = args.context[DELIVERY_CONTEXT_KEY];
    if (isDelivery(delivery) && !(await firstSeen(dedupe, delivery.keys, delivery.ttlMs, pipeline))) {
      pipeline.logger.info({ kind: kindOf(args.body) }, 'dropped a replayed slack delivery');
      if ('ack' in args && args.ack) await args.ack();
      return;
    }
    await args.next();
  });
  // Slack redelivers an event it thinks was lost (same event_id, new signature); Bolt does not de-duplicate.
  app.use(async ({ body, next }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (
      eventId !== undefined &&
      !(await firstSeen(dedupe, [`slack:event:${eventId}`], EVENT_TTL_MS, pipeline))
    ) {
      pipeline.logger.debug({ eventId }, 'dropped a redelivered slack event');
      return;
    }
    await next();
  });

  app.command(`/${LLM_COMMAND.name}`, async ({ command, ack, respond }) => {
    // Ack first: Slack shows the user an error after 3 seconds without one.
    await ack();
    await handleSlash(command, respond, pipeline, send);
  });

  app.event('app_mention', async ({ event, client }) => {
    if (event.bot_id !== undefined) return;
    const question = event.text.replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, ' ').trim();
    await answerInConversation(client, pipeline, send, {
      channel: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      user: event.user ?? '',
      question,
      via: 'mention',
    });
  });

  app.event('message', async ({ event, client }) => {
    // Direct messages only, from people: no edits, joins, or bots (the bot itself included).
    if (event.channel_type !== 'im' || event.subtype !== undefined || 'bot_id' in event) return;
    const text = 'text' in event && typeof event.text === 'string' ? event.text : '';
    const threadTs =
      'thread_ts' in event && typeof event.thread_ts === 'string' ? event.thread_ts : undefined;
    await answerInConversation(client, pipeline, send, {
      channel: event.channel,
      ...(threadTs ? { threadTs } : {}),
      user: 'user' in event && typeof event.user === 'string' ? event.user : '',
      question: text,
      via: 'dm',
    });
  });

  app.action<BlockAction>(/^llm:/, async (args) => {
    await args.ack();
    await handleAction(args, pipeline, send);
  });

  if (options.welcome) {
    app.event('team_join', async ({ event, client }) => {
      const user = event.user as { id?: unknown; is_bot?: unknown };
      if (typeof user.id !== 'string' || user.is_bot === true) return;
      const card = ask(
        pipeline,
        { type: 'tour', page: 1 },
        { platform: 'slack', via: 'welcome', userId: user.id },
      );
      const channel = user.id;
      await send(card, { mentionUserId: channel }, (message) =>
        client.chat.postMessage({ channel, text: message.text, blocks: message.blocks }),
      );
    });
  }

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const card = ask(pipeline, { type: 'help' }, { platform: 'slack', via: 'home', userId: event.user });
    await client.views.publish({ user_id: event.user, view: cardToHomeView(card) });
  });
}

type Respond = (
  message: SlackMessage & { response_type: 'ephemeral' | 'in_channel'; replace_original?: boolean },
) => Promise<unknown>;

async function handleSlash(
  command: SlashCommand,
  respond: Respond,
  pipeline: Pipeline,
  send: Send,
): Promise<void> {
  await pipeline.guard(
    'slash command failed',
    { user: command.user_id },
    async () => {
      const { question, isPrivate, mentionUserId } = parseSlashText(command.text);
      const card = ask(pipeline, { type: 'question', text: question }, origin(command.user_id, 'slash'));
      await send(card, mentionUserId ? { mentionUserId } : {}, (message) =>
        respond({ ...message, response_type: isPrivate ? 'ephemeral' : 'in_channel' }),
      );
    },
    (note) => respond({ ...render(note), response_type: 'ephemeral' }),
  );
}

type Conversation = { channel: string; threadTs?: string; user: string; question: string; via: string };

/** Answers in the conversation it was asked in: the message's thread, or the DM. */
async function answerInConversation(
  client: webApi.WebClient,
  pipeline: Pipeline,
  send: Send,
  c: Conversation,
): Promise<void> {
  const thread = c.threadTs ? { thread_ts: c.threadTs } : {};
  await pipeline.guard(
    'failed to answer a slack message',
    { channel: c.channel },
    async () => {
      const card = ask(pipeline, { type: 'question', text: c.question }, origin(c.user, c.via));
      await send(card, {}, (message) =>
        client.chat.postMessage({
          channel: c.channel,
          ...thread,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
    },
    (note) => client.chat.postEphemeral({ channel: c.channel, user: c.user, ...render(note), ...thread }),
  );
}

async function handleAction(
  args: SlackActionMiddlewareArgs<BlockAction> & { client: webApi.WebClient },
  pipeline: Pipeline,
  send: Send,
): Promise<void> {
  const { action, respond, body, client } = args;
  const reply = (message: SlackMessage) =>
    respond({ ...message, response_type: 'ephemeral', replace_original: false });
  await pipeline.guard(
    'slack action failed',
    { actionId: action.action_id },
    async () => {
      const decoded = decodeAction(action.action_id);
      const choice = action.type === 'static_select' ? action.selected_option?.value : undefined;
      const request: Request = decoded
        ? { type: 'action', action: decoded, ...(choice === undefined ? {} : { choice }) }
        : { type: 'action', action: { type: 'pick' } };
      const answer = pipeline.answer(request, origin(body.user.id, 'component'));
      const card = answerToCard(answer);
      const delivery = decoded && answer.kind !== 'notice' ? deliveryOf(decoded) : 'private';
      if (delivery !== 'replace') {
        // The clicker asked; only the clicker sees the answer (Slack has no threads to start from a button).
        await send(card, {}, reply);
      } else if (body.container?.type === 'view' || body.response_url === undefined) {
        // A click on the Home tab has no message to update: the tour starts in a direct message instead.
        await send(card, {}, (message) =>
          client.chat.postMessage({ channel: body.user.id, text: message.text, blocks: message.blocks }),
        );
      } else {
        await send(card, {}, (message) =>
          respond({ ...message, response_type: 'in_channel', replace_original: true }),
        );
      }
    },
    (note) => reply(render(note)),
  );
}

function origin(userId: string, via: string): Origin {
  return { platform: 'slack', via, userId };
}

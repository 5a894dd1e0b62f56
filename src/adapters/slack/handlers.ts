import type { App, BlockAction, SlackActionMiddlewareArgs, SlashCommand, webApi } from '@slack/bolt';
import { LLM_COMMAND } from '../../../commands/definitions.ts';
import type { Answer } from '../../core/answer.ts';
import { ask } from '../../core/ask.ts';
import { listAnswer, topicAnswer } from '../../core/build.ts';
import { createLru } from '../../core/memo.ts';
import { tourAnswer } from '../../core/onboarding.ts';
import { newSeed } from '../../core/quiz.ts';
import type { KnowledgeBase } from '../../kb/loader.ts';
import { type Logger, newReference } from '../../log.ts';
import type { AnswerEvent } from '../../observe.ts';
import { decodeAction } from '../../render/actions.ts';
import { answerToSlack, type SlackMessage, slackError, slackHome, slackNotice } from '../../render/slack.ts';
import type { Inflight } from '../../runtime/inflight.ts';
import { onboardingStep } from '../onboarding.ts';

export type SlackDeps = {
  kb: () => KnowledgeBase;
  logger: Logger;
  onAnswer?: (event: AnswerEvent) => void;
  /** Greet people who join the workspace with the tour's first page, in a direct message. */
  welcome?: boolean;
  /** Tracks work in flight so a shutdown can finish it; absent, work just runs. */
  inflight?: Inflight;
};

export const SLACK_MESSAGES = {
  failed: 'Sorry, something went wrong while answering. Please try again in a moment.',
  expired: 'This button has expired. Ask again with /llm.',
} as const;

/** How many recent event ids are remembered to drop Slack's redeliveries. */
const SEEN_EVENTS_MAX = 5000;
const PRIVATE_PREFIX = /^\s*(?:private|privately|only me|just me)\b[\s:,-]*/i;
// With "escape" on in the manifest, Slack sends a mentioned user as <@U123|alice>.
const ADDRESSED_TO = /\s*\b(?:for|to|@)?\s*<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>\s*$/i;

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

function answerFor(deps: SlackDeps, question: string, via: string, userId: string): Answer {
  const start = performance.now();
  // A fresh seed only matters for "quiz": each one gets a new question.
  const answer = ask(deps.kb(), question, { seed: newSeed() });
  deps.onAnswer?.({ platform: 'slack', via, question, answer, userId, ms: performance.now() - start });
  return answer;
}

function fail(deps: SlackDeps, err: unknown, what: string, extra: Record<string, unknown> = {}): string {
  const reference = newReference();
  deps.logger.error({ err, reference, ...extra }, what);
  return reference;
}

/** Wires the bot's behaviour onto a Bolt app: /llm, mentions, DMs, buttons, the Home tab. */
export function registerSlackHandlers(app: App, deps: SlackDeps): void {
  const seen = createLru<true>(SEEN_EVENTS_MAX);
  const inflight = deps.inflight;
  // Once shutting down, nothing new starts: unacked, Slack retries elsewhere (or after the restart).
  if (inflight) {
    app.use(async ({ next }) => {
      await inflight.run(next);
    });
  }
  // Slack redelivers an event it thinks was lost (same event_id); Bolt does not de-duplicate.
  app.use(async ({ body, next }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId !== undefined) {
      if (seen.get(eventId)) {
        deps.logger.debug({ eventId }, 'dropped a redelivered slack event');
        return;
      }
      seen.set(eventId, true);
    }
    await next();
  });

  app.command(`/${LLM_COMMAND.name}`, async ({ command, ack, respond }) => {
    // Ack first: Slack shows the user an error after 3 seconds without one.
    await ack();
    await handleSlash(command, respond, deps);
  });

  app.event('app_mention', async ({ event, client }) => {
    if (event.bot_id !== undefined) return;
    const question = event.text.replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, ' ').trim();
    const threadTs = event.thread_ts ?? event.ts;
    await answerInConversation(client, deps, {
      channel: event.channel,
      threadTs,
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
    await answerInConversation(client, deps, {
      channel: event.channel,
      ...(threadTs ? { threadTs } : {}),
      user: 'user' in event && typeof event.user === 'string' ? event.user : '',
      question: text,
      via: 'dm',
    });
  });

  app.action<BlockAction>(/^llm:/, async (args) => {
    await args.ack();
    await handleAction(args, deps);
  });

  if (deps.welcome) {
    app.event('team_join', async ({ event, client }) => {
      const user = event.user as { id?: unknown; is_bot?: unknown };
      if (typeof user.id !== 'string' || user.is_bot === true) return;
      const tour = tourAnswer(deps.kb(), 1);
      if (!tour) return;
      const message = answerToSlack(tour, { mentionUserId: user.id });
      await client.chat.postMessage({ channel: user.id, text: message.text, blocks: message.blocks });
    });
  }

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const kb = deps.kb();
    const root = kb.byId.get('taxonomy');
    const help = ask(kb, 'help');
    const taxonomy = root ? listAnswer(kb, root) : undefined;
    const tour = tourAnswer(kb, 1);
    if (help.kind !== 'help' || taxonomy?.kind !== 'list' || tour?.kind !== 'tour') return;
    await client.views.publish({ user_id: event.user, view: slackHome(help, taxonomy, tour) });
  });
}

type Respond = (
  message: SlackMessage & { response_type: 'ephemeral' | 'in_channel'; replace_original?: boolean },
) => Promise<unknown>;

async function handleSlash(command: SlashCommand, respond: Respond, deps: SlackDeps): Promise<void> {
  try {
    const { question, isPrivate, mentionUserId } = parseSlashText(command.text);
    const answer = answerFor(deps, question, 'slash', command.user_id);
    const message = answerToSlack(answer, mentionUserId ? { mentionUserId } : {});
    await respond({ ...message, response_type: isPrivate ? 'ephemeral' : 'in_channel' });
  } catch (err) {
    const reference = fail(deps, err, 'slash command failed', { user: command.user_id });
    await respond({ ...slackError(SLACK_MESSAGES.failed, reference), response_type: 'ephemeral' }).catch(
      (e: unknown) => deps.logger.error({ err: e, reference }, 'could not report the failure'),
    );
  }
}

type Conversation = { channel: string; threadTs?: string; user: string; question: string; via: string };

/** Answers in the conversation it was asked in: the message's thread, or the DM. */
async function answerInConversation(
  client: webApi.WebClient,
  deps: SlackDeps,
  c: Conversation,
): Promise<void> {
  try {
    const message = answerToSlack(answerFor(deps, c.question, c.via, c.user));
    await client.chat.postMessage({
      channel: c.channel,
      ...(c.threadTs ? { thread_ts: c.threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (err) {
    const reference = fail(deps, err, 'failed to answer a slack message', { channel: c.channel });
    const note = slackError(SLACK_MESSAGES.failed, reference);
    await client.chat
      .postEphemeral({
        channel: c.channel,
        user: c.user,
        text: note.text,
        blocks: note.blocks,
        ...(c.threadTs ? { thread_ts: c.threadTs } : {}),
      })
      .catch((e: unknown) => deps.logger.error({ err: e, reference }, 'could not report the failure'));
  }
}

async function handleAction(
  args: SlackActionMiddlewareArgs<BlockAction> & { client: webApi.WebClient },
  deps: SlackDeps,
): Promise<void> {
  const { action, respond, body, client } = args;
  const reply = (message: SlackMessage) =>
    respond({ ...message, response_type: 'ephemeral', replace_original: false });
  try {
    const decoded = decodeAction(action.action_id);
    const kb = deps.kb();
    if (decoded && decoded.type !== 'topic' && decoded.type !== 'pick' && decoded.type !== 'thread') {
      const next = onboardingStep(kb, decoded);
      if (!next) {
        await reply(slackNotice(SLACK_MESSAGES.expired));
        return;
      }
      deps.onAnswer?.({ platform: 'slack', via: 'component', answer: next, userId: body.user.id, ms: 0 });
      const message = answerToSlack(next);
      // A click on the Home tab has no message to update: the tour starts in a direct message instead.
      if (body.container?.type === 'view' || body.response_url === undefined) {
        await client.chat.postMessage({ channel: body.user.id, text: message.text, blocks: message.blocks });
      } else {
        await respond({ ...message, response_type: 'in_channel', replace_original: true });
      }
      return;
    }
    const id =
      decoded?.type === 'topic'
        ? decoded.id
        : decoded?.type === 'pick' && action.type === 'static_select'
          ? action.selected_option?.value
          : undefined;
    const entry = id === undefined ? undefined : kb.byId.get(id);
    if (!entry) {
      await reply(slackNotice(SLACK_MESSAGES.expired));
      return;
    }
    // The clicker asked; only the clicker sees the answer.
    const answer = topicAnswer(kb, entry, 'overview');
    deps.onAnswer?.({ platform: 'slack', via: 'component', answer, userId: body.user.id, ms: 0 });
    await reply(answerToSlack(answer));
  } catch (err) {
    const reference = fail(deps, err, 'slack action failed', { actionId: action.action_id });
    await reply(slackError(SLACK_MESSAGES.failed, reference)).catch((e: unknown) =>
      deps.logger.error({ err: e, reference }, 'could not report the failure'),
    );
  }
}

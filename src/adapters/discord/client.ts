import { Client, type ClientOptions, Events, GatewayIntentBits } from 'discord.js';
import type { Adapter } from '../adapter.ts';
import { createPipeline, type PipelineDeps } from '../pipeline.ts';
import { type DiscordOptions, registerDiscordHandlers } from './handlers.ts';

/** The fewest intents that work: Guilds for interactions, GuildMessages for mentions in threads. */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

export type DiscordDeps = PipelineDeps & DiscordOptions;

/** A discord.js client with the bot's defaults; `overrides` lets tests point it at a local stand-in. */
export function createDiscordClient(overrides: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: DISCORD_INTENTS,
    // A safety net under every reply's own allowedMentions: nothing pings unless a reply says so.
    allowedMentions: { parse: [], repliedUser: false },
    ...overrides,
    // A rate-limited first response is handed back to the handler, which knows the 3-second deadline,
    // instead of discord.js sleeping past it.
    rest: { rejectOnRateLimit: (limit) => limit.route === INTERACTION_CALLBACK_ROUTE, ...overrides.rest },
  });
}

/** The route of every interaction's first response, as discord.js buckets it. */
export const INTERACTION_CALLBACK_ROUTE = '/interactions/:id/:token/callback';

export type DiscordBot = Adapter & { client: Client };

/** Creates and wires the Discord adapter without connecting; `start` logs in with the token. */
export function createDiscordBot(
  token: string,
  deps: DiscordDeps,
  overrides: Partial<ClientOptions> = {},
): DiscordBot {
  // Greeting new members needs the privileged GuildMembers intent: asked for only when configured.
  const intents = deps.welcomeChannelId
    ? [...DISCORD_INTENTS, GatewayIntentBits.GuildMembers]
    : DISCORD_INTENTS;
  const client = createDiscordClient({ intents, ...overrides });
  const { logger } = deps;
  registerDiscordHandlers(client, createPipeline(deps), deps);
  // client.ws.status stays "ready" through a dropped connection; the shard events tell the truth.
  let connected = false;
  client.on(Events.Error, (err) => logger.error({ err }, 'discord client error'));
  client.on(Events.ShardReady, () => {
    connected = true;
  });
  client.on(Events.ShardResume, (shard) => {
    connected = true;
    logger.info({ shard }, 'discord resumed');
  });
  client.on(Events.ShardDisconnect, (event, shard) => {
    connected = false;
    logger.warn({ code: event.code, shard }, 'discord disconnected');
  });
  for (const [event, what] of [
    [Events.ShardReconnecting, 'discord reconnecting'],
    [Events.ShardError, 'discord connection error'],
  ] as const) {
    client.on(event, (...args: unknown[]) => {
      connected = false;
      logger.warn({ shard: args.at(-1), ...(args[0] instanceof Error ? { err: args[0] } : {}) }, what);
    });
  }
  return {
    name: 'discord',
    client,
    start: async () => {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(token);
      await ready;
      connected = true;
      logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord connected');
    },
    ready: () => connected,
    // The gateway brings interactions; REST, which replies, stays usable until stop. discord.js types the
    // gateway's destroy as private (client.destroy also drops the token), so it is reached through a cast.
    stopReceiving: async () => {
      connected = false;
      await (client.ws as unknown as { destroy: () => Promise<void> }).destroy();
    },
    stop: async () => {
      connected = false;
      await client.destroy();
    },
  };
}

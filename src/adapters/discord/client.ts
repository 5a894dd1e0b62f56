import { Client, type ClientOptions, Events, GatewayIntentBits } from 'discord.js';
import { type DiscordDeps, registerDiscordHandlers } from './handlers.ts';

/** The fewest intents that work: Guilds for interactions, GuildMessages for mentions in threads. */
export const DISCORD_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages];

/** A discord.js client with the bot's defaults; `overrides` lets tests point it at a local stand-in. */
export function createDiscordClient(overrides: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: DISCORD_INTENTS,
    // A safety net under every reply's own allowedMentions: nothing pings unless a reply says so.
    allowedMentions: { parse: [], repliedUser: false },
    ...overrides,
  });
}

export type DiscordBot = {
  client: Client;
  /** Logs in and resolves once the gateway says READY. */
  login: (token: string) => Promise<void>;
  stop: () => Promise<void>;
  isConnected: () => boolean;
};

/** Creates and wires the Discord bot without connecting, so callers can check its options first. */
export function createDiscordBot(deps: DiscordDeps, overrides: Partial<ClientOptions> = {}): DiscordBot {
  // Greeting new members needs the privileged GuildMembers intent: asked for only when configured.
  const intents = deps.welcomeChannelId
    ? [...DISCORD_INTENTS, GatewayIntentBits.GuildMembers]
    : DISCORD_INTENTS;
  const client = createDiscordClient({ intents, ...overrides });
  registerDiscordHandlers(client, deps);
  // client.ws.status stays "ready" through a dropped connection; the shard events tell the truth.
  let connected = false;
  client.on(Events.Error, (err) => deps.logger.error({ err }, 'discord client error'));
  client.on(Events.ShardReady, () => {
    connected = true;
  });
  client.on(Events.ShardResume, (shard) => {
    connected = true;
    deps.logger.info({ shard }, 'discord resumed');
  });
  client.on(Events.ShardDisconnect, (event, shard) => {
    connected = false;
    deps.logger.warn({ code: event.code, shard }, 'discord disconnected');
  });
  client.on(Events.ShardReconnecting, (shard) => {
    connected = false;
    deps.logger.warn({ shard }, 'discord reconnecting');
  });
  client.on(Events.ShardError, (err, shard) => {
    connected = false;
    deps.logger.warn({ err, shard }, 'discord connection error');
  });
  return {
    client,
    login: async (token: string) => {
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(token);
      await ready;
      connected = true;
      deps.logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord connected');
    },
    isConnected: () => connected,
    stop: async () => {
      connected = false;
      await client.destroy();
    },
  };
}

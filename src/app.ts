import type { ClientOptions } from 'discord.js';
import { createDiscordBot, type DiscordBot } from './adapters/discord/client.ts';
import { createSlackBot, type SlackBot, type SlackOverrides } from './adapters/slack/app.ts';
import type { Config } from './config.ts';
import { KbLoadError } from './kb/errors.ts';
import { type KnowledgeBase, loadKnowledgeBase } from './kb/loader.ts';
import { createKbHolder, type KbHolder } from './kb/reload.ts';
import type { Logger } from './log.ts';
import { logAnswer } from './observe.ts';
import { startHealthServer } from './runtime/health.ts';
import { createInflight, type Inflight } from './runtime/inflight.ts';

/** How long a shutdown waits for answers in flight. */
export const DRAIN_TIMEOUT_MS = 10_000;

export type AppOverrides = { discord?: Partial<ClientOptions>; slack?: SlackOverrides; healthHost?: string };

type Adapter = { name: string; isConnected: () => boolean; stop: () => Promise<void> };

export type RunningApp = {
  kb: KbHolder;
  adapters: readonly string[];
  inflight: Inflight;
  healthPort?: number;
  /** Stops taking work, finishes answers in flight (up to DRAIN_TIMEOUT_MS), disconnects, closes. */
  shutdown: () => Promise<{ drained: boolean }>;
};

/** Starts every adapter that has credentials, the health server and the knowledge base watcher. */
export async function startApp(
  config: Config,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<RunningApp> {
  const first = await loadKnowledgeBase(config.dataDir);
  const kb = createKbHolder(config.dataDir, first, {
    onReload: (next) =>
      logger.info({ entries: next.entries.length, asOf: next.meta.asOf }, 'knowledge base reloaded'),
    onError: (err) =>
      logger.error(
        err instanceof KbLoadError ? { problems: err.problems } : { err },
        'knowledge base reload failed; still answering from the previous one',
      ),
  });
  const inflight = createInflight();
  const deps = { kb: kb.current, logger, onAnswer: logAnswer(logger), inflight };
  const adapters: Adapter[] = [];
  const stopAll = async () => {
    for (const a of [...adapters].reverse())
      await a.stop().catch((err: unknown) => logger.error({ err, adapter: a.name }, 'stop failed'));
  };
  try {
    if (config.discord) {
      const bot: DiscordBot = createDiscordBot(
        {
          ...deps,
          ...(config.discord.welcomeChannelId ? { welcomeChannelId: config.discord.welcomeChannelId } : {}),
        },
        overrides.discord,
      );
      adapters.push({ name: 'discord', isConnected: bot.isConnected, stop: bot.stop });
      await bot.login(config.discord.token);
    }
    if (config.slack) {
      const bot: SlackBot = createSlackBot(
        config.slack,
        { ...deps, welcome: config.slack.welcome ?? false },
        overrides.slack,
      );
      adapters.push({ name: `slack`, isConnected: bot.isConnected, stop: bot.stop });
      await bot.start();
    }
  } catch (err) {
    await stopAll();
    throw err;
  }
  const readiness = () => {
    const current: KnowledgeBase = kb.current();
    const checks: Record<string, boolean> = {
      knowledgeBase: current.entries.length > 0,
      accepting: !inflight.isClosed(),
    };
    for (const a of adapters) checks[a.name] = a.isConnected();
    return {
      ready: Object.values(checks).every(Boolean),
      checks,
      details: {
        entries: current.entries.length,
        asOf: current.meta.asOf,
        loadedAt: kb.loadedAt().toISOString(),
        inFlight: inflight.count(),
      },
    };
  };
  const health =
    config.healthPort === undefined
      ? undefined
      : await startHealthServer(config.healthPort, readiness, overrides.healthHost);
  const stopWatching = kb.watch();
  logger.info(
    { adapters: adapters.map((a) => a.name), entries: first.entries.length, healthPort: health?.port },
    'bot started',
  );
  return {
    kb,
    adapters: adapters.map((a) => a.name),
    inflight,
    ...(health ? { healthPort: health.port } : {}),
    shutdown: async () => {
      inflight.close();
      logger.info({ inFlight: inflight.count() }, 'shutting down: finishing answers in flight');
      const drained = await inflight.drain(DRAIN_TIMEOUT_MS);
      if (!drained) logger.warn({ inFlight: inflight.count() }, 'gave up waiting for answers in flight');
      stopWatching();
      await stopAll();
      await health?.close();
      logger.info({ drained }, 'stopped');
      return { drained };
    },
  };
}

import type { ClientOptions } from 'discord.js';
import type { Adapter } from './adapters/adapter.ts';
import type { PipelineDeps } from './adapters/pipeline.ts';
import type { SlackOverrides } from './adapters/slack/app.ts';
import type { Config } from './config.ts';
import { KbLoadError } from './kb/errors.ts';
import { type KnowledgeBase, loadKnowledgeBaseSync } from './kb/loader.ts';
import { createKbHolder, type KbHolder } from './kb/reload.ts';
import type { Logger } from './log.ts';
import { logAnswer } from './observe.ts';
import type { FormulaImages, FormulaUpdate } from './render/formula-images.ts';
import { startHealthServer } from './runtime/health.ts';
import { createInflight, type Inflight } from './runtime/inflight.ts';

/** How long a shutdown waits for answers in flight, once the connections are closed. */
export const DRAIN_TIMEOUT_MS = 10_000;

export type AppOverrides = { discord?: Partial<ClientOptions>; slack?: SlackOverrides; healthHost?: string };

/**
 * The platforms the bot can run on. Each builds its adapter only when configured, importing its
 * library then, so a bot without Slack never loads Bolt (and the terminal mode loads neither).
 */
const PLATFORMS: readonly ((
  config: Config,
  deps: PipelineDeps,
  o: AppOverrides,
) => Promise<Adapter | undefined>)[] = [
  async (config, deps, o) => {
    if (!config.discord) return undefined;
    const { createDiscordBot } = await import('./adapters/discord/client.ts');
    const welcome = config.discord.welcomeChannelId;
    return createDiscordBot(
      config.discord.token,
      { ...deps, ...(welcome ? { welcomeChannelId: welcome } : {}) },
      o.discord,
    );
  },
  async (config, deps, o) => {
    if (!config.slack) return undefined;
    const { createSlackBot } = await import('./adapters/slack/app.ts');
    return createSlackBot(config.slack, { ...deps, welcome: config.slack.welcome ?? false }, o.slack);
  },
];

export type RunningApp = {
  kb: KbHolder;
  adapters: readonly string[];
  inflight: Inflight;
  healthPort?: number;
  /**
   * Reports not ready, keeps answering for `drainMs`, closes the connections, finishes answers in flight
   * (up to DRAIN_TIMEOUT_MS), then releases everything.
   */
  shutdown: () => Promise<{ drained: boolean }>;
};

/** Logs what a render of the formula pictures did; each formula that could not be drawn shows as text. */
function logFormulaUpdate(logger: Logger, update: FormulaUpdate, what: string): void {
  for (const f of update.failed)
    logger.warn(f, 'a formula could not be drawn from its LaTeX: it shows as Unicode text');
  logger.info(
    { formulas: update.formulas, rendered: update.rendered, failed: update.failed.length, ms: update.ms },
    what,
  );
}

/** The formula pictures, rendered for the first knowledge base; undefined (text only) if the renderer cannot load. */
async function startFormulaImages(
  loading: Promise<typeof import('./render/formula-images.ts')>,
  kb: KnowledgeBase,
  logger: Logger,
): Promise<FormulaImages | undefined> {
  try {
    const images = (await loading).createFormulaImages();
    logFormulaUpdate(logger, await images.update(kb), 'formula pictures rendered');
    return images;
  } catch (err) {
    logger.error({ err }, 'formula pictures are off: the renderer could not start; formulas show as text');
    return undefined;
  }
}

/** Starts every adapter that has credentials, the health server and the knowledge base watcher. */
export async function startApp(
  config: Config,
  logger: Logger,
  overrides: AppOverrides = {},
): Promise<RunningApp> {
  let kb: KbHolder | undefined;
  const current = (): KnowledgeBase => {
    if (!kb) throw new Error('the knowledge base is not loaded yet');
    return kb.current();
  };
  const inflight = createInflight();
  // MathJax loads while the clients connect; until the pictures are drawn, formulas show as text.
  const imagesLoading =
    config.formulaImages && (config.discord || config.slack)
      ? import('./render/formula-images.ts')
      : undefined;
  // Caught where it is awaited; this keeps a failed load from counting as unhandled meanwhile.
  imagesLoading?.catch(() => undefined);
  let images: FormulaImages | undefined;
  const deps: PipelineDeps = {
    kb: current,
    logger,
    onAnswer: logAnswer(logger),
    inflight,
    ...(imagesLoading ? { formulaImage: (latex: string) => images?.get(latex) } : {}),
  };
  const adapters: Adapter[] = [];
  const stopAll = async () => {
    for (const a of adapters.toReversed())
      await a.stop().catch((err: unknown) => logger.error({ err, adapter: a.name }, 'stop failed'));
  };
  for (const platform of PLATFORMS) {
    const adapter = await platform(config, deps, overrides);
    if (adapter) adapters.push(adapter);
  }
  // The clients connect while the knowledge base loads: the load is synchronous, so no event can reach a
  // handler before it is done, and start-up pays for the slower of the two rather than both.
  const starting = Promise.allSettled(adapters.map((a) => a.start()));
  let first: KnowledgeBase;
  try {
    first = loadKnowledgeBaseSync(config.dataDir, config.kbLimits);
  } catch (err) {
    await starting;
    await stopAll();
    throw err;
  }
  kb = createKbHolder(
    config.dataDir,
    first,
    {
      onReload: (next) => {
        logger.info({ entries: next.entries.length, asOf: next.meta.asOf }, 'knowledge base reloaded');
        // Only formulas whose LaTeX changed are drawn again.
        images
          ?.update(next)
          .then((u) => logFormulaUpdate(logger, u, 'formula pictures updated'))
          .catch((err: unknown) => logger.error({ err }, 'formula pictures could not be updated'));
      },
      onError: (err) =>
        logger.error(
          err instanceof KbLoadError ? { problems: err.problems } : { err },
          'knowledge base reload failed; still answering from the previous one',
        ),
    },
    config.kbLimits,
  );
  if (imagesLoading) images = await startFormulaImages(imagesLoading, first, logger);
  const failed = (await starting).find((r) => r.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const holder = kb;
  let draining = false;
  const readiness = () => {
    const loaded: KnowledgeBase = holder.current();
    const checks: Record<string, boolean> = {
      knowledgeBase: loaded.entries.length > 0,
      accepting: !draining && !inflight.isClosed(),
    };
    for (const a of adapters) checks[a.name] = a.ready();
    return {
      ready: Object.values(checks).every(Boolean),
      checks,
      details: {
        entries: loaded.entries.length,
        asOf: loaded.meta.asOf,
        loadedAt: holder.loadedAt().toISOString(),
        inFlight: inflight.count(),
      },
    };
  };
  const health =
    config.healthPort === undefined
      ? undefined
      : await startHealthServer(config.healthPort, readiness, overrides.healthHost);
  const stopWatching = holder.watch();
  logger.info(
    { adapters: adapters.map((a) => a.name), entries: first.entries.length, healthPort: health?.port },
    'bot started',
  );
  return {
    kb: holder,
    adapters: adapters.map((a) => a.name),
    inflight,
    ...(health ? { healthPort: health.port } : {}),
    shutdown: async () => {
      // Load balancers see /readyz turn 503 first; whatever still arrives in the window is answered.
      draining = true;
      logger.info({ drainMs: config.drainMs }, 'draining: /readyz says 503, still answering');
      await new Promise((resolve) => setTimeout(resolve, config.drainMs));
      for (const a of adapters)
        await a
          .stopReceiving()
          .catch((err: unknown) => logger.error({ err, adapter: a.name }, 'could not stop receiving'));
      inflight.close();
      logger.info({ inFlight: inflight.count() }, 'connections closed: finishing answers in flight');
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

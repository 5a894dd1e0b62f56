import { App, type AppOptions, type Logger as BoltLogger, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { listeningPort } from '../../runtime/port.ts';
import type { Adapter } from '../adapter.ts';
import { createPipeline, type PipelineDeps } from '../pipeline.ts';
import { registerSlackHandlers, type SlackOptions } from './handlers.ts';

export type SlackDeps = PipelineDeps & SlackOptions;

export type SlackConfig = NonNullable<Config['slack']>;

/** What tests (and only tests) change: where the Web API lives, and who the bot is, to skip auth.test. */
export type SlackOverrides = {
  clientOptions?: NonNullable<AppOptions['clientOptions']>;
  botId?: string;
  botUserId?: string;
  host?: string;
};

export type SlackBot = Adapter & {
  app: App;
  mode: SlackConfig['mode'];
  /** The HTTP port it listens on, once started in HTTP mode. */
  port: () => number | undefined;
};

/** Bolt's logger interface on top of ours; pino filters by level, so debug chatter costs nothing. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  let level = LogLevel.INFO;
  const say =
    (fn: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      const [first, ...rest] = msg;
      if (first instanceof Error) child[fn]({ err: first }, rest.map(String).join(' '));
      else child[fn](msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
    };
  return {
    debug: say('debug'),
    info: say('info'),
    warn: say('warn'),
    error: say('error'),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** The bot's listeners and a last-resort error log on a Bolt app, whichever receiver it has. */
function wired(app: App, deps: SlackDeps): App {
  registerSlackHandlers(app, createPipeline(deps), deps);
  app.error(async (err) => deps.logger.error({ err }, 'slack listener error'));
  return app;
}

/** Creates the Bolt app in Socket Mode (with an app token) or HTTP mode (with a signing secret), wired but not started. */
export function createSlackBot(
  config: SlackConfig,
  deps: SlackDeps,
  overrides: SlackOverrides = {},
): SlackBot {
  const logger = boltLogger(deps.logger);
  const common = {
    token: config.botToken,
    logger,
    ...(overrides.botId ? { botId: overrides.botId } : {}),
    ...(overrides.botUserId ? { botUserId: overrides.botUserId } : {}),
    ...(overrides.clientOptions ? { clientOptions: overrides.clientOptions } : {}),
  };
  let connected = false;
  if (config.mode === 'socket') {
    const receiver = new SocketModeReceiver({
      appToken: config.appToken,
      logger,
      ...(overrides.clientOptions ? { installerOptions: { clientOptions: overrides.clientOptions } } : {}),
    });
    for (const [event, state] of [
      ['connected', true],
      ['disconnected', false],
      ['reconnecting', false],
    ] as const)
      receiver.client.on(event, () => {
        connected = state;
      });
    const app = wired(new App({ ...common, receiver }), deps);
    return {
      name: 'slack',
      app,
      mode: 'socket',
      port: () => undefined,
      start: async () => {
        await app.start();
        connected = true;
        deps.logger.info({ mode: 'socket' }, 'slack connected');
      },
      stop: async () => {
        await app.stop();
        // app.stop() does not wait for the socket to close; without this the process lingers.
        await receiver.client.disconnect();
        connected = false;
      },
      ready: () => connected,
    };
  }
  const app = wired(new App({ ...common, signingSecret: config.signingSecret }), deps);
  let port: number | undefined;
  return {
    name: 'slack',
    app,
    mode: 'http',
    port: () => port,
    start: async () => {
      // HTTPReceiver.start resolves with the http.Server it listens on.
      const server = await app.start({ port: config.port, host: overrides.host ?? '0.0.0.0' });
      connected = true;
      port = listeningPort(server);
      deps.logger.info({ mode: 'http', port, path: '/slack/events' }, 'slack listening');
    },
    stop: async () => {
      if (!connected) return;
      connected = false;
      await app.stop();
    },
    ready: () => connected,
  };
}

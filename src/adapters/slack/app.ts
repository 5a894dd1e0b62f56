import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parse as parseQs } from 'node:querystring';
import {
  App,
  type AppOptions,
  type Logger as BoltLogger,
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  HTTPReceiver,
  LogLevel,
  SocketModeReceiver,
  verifySlackRequest,
} from '@slack/bolt';
import type { Config } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { createMemoryDedupe, type Dedupe } from '../../runtime/dedupe.ts';
import { listeningPort } from '../../runtime/port.ts';
import type { Adapter } from '../adapter.ts';
import { createPipeline, type PipelineDeps } from '../pipeline.ts';
import { DELIVERY_CONTEXT_KEY, type Delivery, registerSlackHandlers, type SlackOptions } from './handlers.ts';

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

/** Where Slack sends HTTP deliveries (Bolt's default). */
const EVENTS_PATH = '/slack/events';
/** How far a request's timestamp may be from our clock, either way, as Slack recommends. */
const SIGNATURE_WINDOW_S = 5 * 60;
/** How long a Socket Mode envelope is remembered: Slack's redeliveries come within minutes. */
const ENVELOPE_TTL_MS = 10 * 60 * 1000;
/** The in-process de-duplication store's size: far above what arrives within a window. */
const DEDUPE_MAX_KEYS = 20_000;

/** A signed delivery is remembered by its signature until its timestamp leaves the window (plus a second). */
function httpDelivery(req: BufferedIncomingMessage): Record<string, Delivery> {
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  if (typeof signature !== 'string' || !Number.isFinite(timestamp)) return {};
  const ttlMs = (timestamp + SIGNATURE_WINDOW_S + 1) * 1000 - Date.now();
  return { [DELIVERY_CONTEXT_KEY]: { keys: [`slack:sig:${signature}`], ttlMs } };
}

/** An envelope is remembered by its id, and by its payload, which Slack resends under a new id. */
function socketDelivery(args: unknown): Record<string, Delivery> {
  if (typeof args !== 'object' || args === null) return {};
  const { envelope_id: id, body } = args as { envelope_id?: unknown; body?: unknown };
  const keys = [
    ...(typeof id === 'string' ? [`slack:envelope:${id}`] : []),
    `slack:payload:${createHash('sha256')
      .update(JSON.stringify(body) ?? '')
      .digest('hex')}`,
  ];
  return { [DELIVERY_CONTEXT_KEY]: { keys, ttlMs: ENVELOPE_TTL_MS } };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function reject(res: ServerResponse, status: number): false {
  HTTPModuleFunctions.buildNoBodyResponse(res, status);
  return false;
}

/**
 * Checks what Bolt lets through or trips on, before it sees the request: a timestamp too far either way
 * (401, Bolt only rejects stale ones) and a signed body that is not an object (400, Bolt throws on null).
 */
async function screen(
  req: IncomingMessage,
  res: ServerResponse,
  signingSecret: string,
  logger: Logger,
): Promise<boolean> {
  let buffered: BufferedIncomingMessage;
  try {
    buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, HTTPModuleFunctions.defaultBodyLimit);
  } catch (err) {
    // Bolt's answer to an oversized body, kept.
    if (HTTPModuleFunctions.isRawBodyError(err) && err.statusCode === 413) return reject(res, 413);
    logger.warn({ err }, 'slack request body could not be read');
    return reject(res, 400);
  }
  const raw = buffered.rawBody.toString();
  // Slack's SSL check is unsigned; Bolt answers it and drops anything else in it.
  if (header(req, 'content-type') === 'application/x-www-form-urlencoded' && parseQs(raw).ssl_check === '1')
    return true;
  const timestamp = Number(header(req, 'x-slack-request-timestamp'));
  const skewS = Math.abs(Date.now() / 1000 - timestamp);
  try {
    if (!(skewS <= SIGNATURE_WINDOW_S)) throw new Error('timestamp outside the allowed window');
    verifySlackRequest({
      signingSecret,
      body: raw,
      headers: {
        'x-slack-signature': header(req, 'x-slack-signature') ?? '',
        'x-slack-request-timestamp': timestamp,
      },
    });
  } catch (err) {
    logger.warn(
      { reason: err instanceof Error ? err.message : String(err) },
      'rejected an unverified slack request',
    );
    return reject(res, 401);
  }
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    logger.warn(
      { bodyType: body === null ? 'null' : typeof body },
      'rejected a slack request body that is not an object',
    );
    return reject(res, 400);
  }
  return true;
}

/** An HTTP receiver that screens each delivery (see `screen`) before Bolt verifies and dispatches it. */
function screenedReceiver(signingSecret: string, logger: BoltLogger, ours: Logger): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: [EVENTS_PATH],
    logger,
    customPropertiesExtractor: httpDelivery,
  });
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    // Anything else (a wrong path or method) is Bolt's to answer, synchronously, as before.
    if (req.method !== 'POST' || path !== EVENTS_PATH) return bolt(req, res);
    screen(req, res, signingSecret, ours)
      .then((ok) => {
        if (ok) bolt(req, res);
      })
      .catch((err: unknown) => {
        ours.error({ err }, 'slack request screening failed');
        if (!res.headersSent) reject(res, 500);
      });
  };
  return receiver;
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
  // One store for every kind of repeat (events, signed requests, envelopes), shareable across processes.
  const dedupe: Dedupe = deps.dedupe ?? createMemoryDedupe(DEDUPE_MAX_KEYS);
  const wiredDeps: SlackDeps = { ...deps, dedupe };
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
      customPropertiesExtractor: socketDelivery,
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
    const app = wired(new App({ ...common, receiver }), wiredDeps);
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
      // Closing the socket ends deliveries; answers in flight go out over HTTP (response_url, Web API).
      stopReceiving: async () => {
        connected = false;
        await receiver.client.disconnect();
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
  const receiver = screenedReceiver(config.signingSecret, logger, deps.logger);
  const app = wired(new App({ ...common, receiver }), wiredDeps);
  let port: number | undefined;
  let server: Server | undefined;
  // Stops listening: requests already on a connection are answered; idle keep-alive connections close now.
  const stopListening = async () => {
    const listening = server;
    server = undefined;
    connected = false;
    if (!listening) return;
    const closed = app.stop();
    listening.closeIdleConnections();
    await closed;
  };
  return {
    name: 'slack',
    app,
    mode: 'http',
    port: () => port,
    start: async () => {
      // HTTPReceiver.start resolves with the http.Server it listens on.
      server = await app.start({ port: config.port, host: overrides.host ?? '0.0.0.0' });
      connected = true;
      port = listeningPort(server);
      deps.logger.info({ mode: 'http', port, path: '/slack/events' }, 'slack listening');
    },
    stopReceiving: stopListening,
    stop: stopListening,
    ready: () => connected,
  };
}

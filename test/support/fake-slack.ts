// A strict local stand-in for Slack on 127.0.0.1: the Web API, response_url, Socket Mode, and signed
// deliveries to the app. Ported from ../shared/reference/fake-slack.mjs; unknown methods are flagged.
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQs, stringify as qs } from 'node:querystring';
import { type WebSocket, WebSocketServer } from 'ws';
import { parseMultipart } from './multipart.ts';

export type Json = Record<string, unknown>;

export const SLACK = {
  team: 'T0TEST',
  botUserId: 'U0BOT',
  botId: 'B0BOT',
  user: 'U0USER',
  other: 'U0NEWBIE',
  channel: 'C0CHAN',
  dm: 'D0DM',
  botToken: 'xoxb-test-token',
  appToken: 'xapp-test-token',
  signingSecret: '0123456789abcdef0123456789abcdef',
} as const;

export function signSlackRequest(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

// @slack/web-api form-encodes arguments and JSON-encodes any non-scalar (blocks, views).
function decodeArgs(raw: string, contentType: string | undefined): Json {
  if (contentType?.startsWith('application/json')) return JSON.parse(raw || '{}') as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(parseQs(raw))) {
    out[k] =
      typeof v === 'string' && (v.startsWith('[') || v.startsWith('{')) ? (JSON.parse(v) as unknown) : v;
  }
  return out;
}

export type ApiCall = {
  method: string;
  args: Json;
  headers: http.IncomingHttpHeaders;
  at: number;
  unhandled: boolean;
};
export type ResponseCall = { id: string; body: Json; at: number };
/** A file upload (files.uploadV2): asked for, its bytes sent, then completed. */
export type Upload = {
  id: string;
  filename: string;
  length: number;
  altText?: string;
  title?: string;
  data?: Buffer;
  completed: boolean;
};
export type SocketAck = { envelope_id: string; payload?: Json; at: number };
type Handler = (args: Json) => Json | { status: number; body: Json };

type Kind = 'api' | 'response' | 'socket_ack';
type Waiter = { kind: Kind; pred: (x: never) => boolean; resolve: (x: never) => void; timer: NodeJS.Timeout };

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

export async function startFakeSlack() {
  const apiCalls: ApiCall[] = [];
  const responses: ResponseCall[] = [];
  const socketAcks: SocketAck[] = [];
  const unhandledPaths: string[] = [];
  const waiters = new Set<Waiter>();
  const sockets = new Set<WebSocket>();
  let ts = 1700000000;
  const nextTs = () => `${++ts}.000100`;
  let port = 0;
  const cfg = {
    refuseSockets: false,
    responseDelayMs: 0,
    /** Uploaded files are still being processed: messages that show them are refused. */
    filesProcessing: false,
  };
  const uploads: Upload[] = [];
  let fileCounter = 0;
  /** The uploaded files an image block may show: completed, and processed. */
  const usableFile = (id: string) => !cfg.filesProcessing && uploads.some((u) => u.id === id && u.completed);
  /** Slack refuses blocks showing a file it does not have: `invalid_blocks`, naming each. */
  const badImages = (blocks: unknown): string[] =>
    (Array.isArray(blocks) ? (blocks as Json[]) : []).flatMap((b, i) => {
      if (b.type !== 'image' || b.slack_file === undefined) return [];
      const id = String((b.slack_file as Json).id ?? '');
      return usableFile(id) ? [] : [`invalid slack file [json-pointer:/blocks/${i}/slack_file]`];
    });
  const heldResponses: string[] = [];

  const handlers = new Map<string, Handler>([
    [
      'chat.postMessage',
      (a) => {
        const errors = badImages(a.blocks);
        if (errors.length > 0) return { ok: false, error: 'invalid_blocks', errors };
        const t = nextTs();
        return {
          ok: true,
          channel: a.channel,
          ts: t,
          message: {
            type: 'message',
            text: a.text,
            blocks: a.blocks,
            thread_ts: a.thread_ts,
            ts: t,
            user: SLACK.botUserId,
            bot_id: SLACK.botId,
          },
        };
      },
    ],
    ['chat.postEphemeral', () => ({ ok: true, message_ts: nextTs() })],
    ['chat.update', (a) => ({ ok: true, channel: a.channel, ts: a.ts, text: a.text })],
    ['views.publish', (a) => ({ ok: true, view: { id: 'V0HOME', type: 'home', ...(a.view as Json) } })],
    [
      'auth.test',
      () => ({
        ok: true,
        url: 'https://fake.slack.com/',
        team: 'Fake',
        user: 'llmbot',
        team_id: SLACK.team,
        user_id: SLACK.botUserId,
        bot_id: SLACK.botId,
      }),
    ],
    ['apps.connections.open', () => ({ ok: true, url: `ws://127.0.0.1:${port}/socket` })],
    [
      'files.getUploadURLExternal',
      (a) => {
        const length = Number(a.length);
        if (typeof a.filename !== 'string' || !Number.isInteger(length) || length <= 0)
          return { ok: false, error: 'invalid_arguments' };
        const id = `F0UPLOAD${String(++fileCounter).padStart(4, '0')}`;
        uploads.push({
          id,
          filename: a.filename,
          length,
          completed: false,
          ...(typeof a.alt_text === 'string' ? { altText: a.alt_text } : {}),
        });
        return { ok: true, upload_url: `http://127.0.0.1:${port}/upload/${id}`, file_id: id };
      },
    ],
    [
      'files.completeUploadExternal',
      (a) => {
        const files = Array.isArray(a.files) ? (a.files as Json[]) : [];
        const found = files.map((f) => uploads.find((u) => u.id === f.id && u.data !== undefined));
        if (files.length === 0 || found.some((u) => u === undefined))
          return { ok: false, error: 'file_not_found' };
        return {
          ok: true,
          files: files.map((f, i) => {
            const u = found[i] as Upload;
            u.completed = true;
            if (typeof f.title === 'string') u.title = f.title;
            // No channel: the file is private to the app, as the bot uploads it.
            return { id: u.id, name: u.filename, title: u.title ?? u.filename, mimetype: '', size: u.length };
          }),
        };
      },
    ],
  ]);
  const overrides = new Map<string, Handler>();

  function notify(kind: Kind, item: unknown) {
    for (const w of waiters) {
      if (w.kind === kind && (w.pred as (x: unknown) => boolean)(item)) {
        waiters.delete(w);
        clearTimeout(w.timer);
        (w.resolve as (x: unknown) => void)(item);
      }
    }
  }

  function waitFor<T extends ApiCall | ResponseCall | SocketAck>(
    kind: Kind,
    pred: (x: T) => boolean = () => true,
    timeout = 3000,
  ): Promise<T> {
    const lists = { api: apiCalls, response: responses, socket_ack: socketAcks };
    const list = lists[kind] as T[];
    const hit = list.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise<T>((resolve, reject) => {
      const w: Waiter = {
        kind,
        pred: pred as (x: never) => boolean,
        resolve: resolve as (x: never) => void,
        timer: setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`fake-slack: timed out waiting for ${kind}`));
        }, timeout),
      };
      waiters.add(w);
    });
  }

  /** The bytes of a file sent to its upload URL: multipart, as @slack/web-api sends it, or the raw body. */
  function receiveUpload(id: string, body: Buffer, contentType: string, res: http.ServerResponse) {
    const upload = uploads.find((u) => u.id === id);
    const data = contentType.startsWith('multipart/form-data')
      ? parseMultipart(body, contentType).find((p) => p.filename !== undefined)?.data
      : body;
    if (!upload || !data || data.length !== upload.length) {
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('upload refused');
      return;
    }
    upload.data = Buffer.from(data);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${data.length}`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const raw = body.toString('utf8');
      const url = new URL(req.url ?? '/', 'http://fake');
      if (req.method === 'POST' && url.pathname.startsWith('/upload/')) {
        receiveUpload(url.pathname.slice('/upload/'.length), body, req.headers['content-type'] ?? '', res);
        return;
      }
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const method = url.pathname.slice('/api/'.length);
        const handler = overrides.get(method) ?? handlers.get(method);
        const call: ApiCall = {
          method,
          args: decodeArgs(raw, req.headers['content-type']),
          headers: req.headers,
          at: performance.now(),
          unhandled: !handler,
        };
        apiCalls.push(call);
        const result = handler ? handler(call.args) : { ok: false, error: 'unknown_method' };
        const status = 'status' in result && typeof result.status === 'number' ? result.status : 200;
        const body = 'status' in result && typeof result.status === 'number' ? result.body : result;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
        notify('api', call);
        return;
      }
      if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
        const id = url.pathname.slice('/response/'.length);
        if (id.startsWith('expired')) {
          res.writeHead(404);
          res.end();
          return;
        }
        const parsed = JSON.parse(raw) as Json;
        const errors = badImages(parsed.blocks);
        if (errors.length > 0) {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end('invalid_blocks');
          return;
        }
        const deliver = () => {
          const rec: ResponseCall = { id, body: parsed, at: performance.now() };
          responses.push(rec);
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('ok');
          notify('response', rec);
        };
        // A slow Slack: the answer is held, so a test can catch it in flight.
        if (cfg.responseDelayMs > 0) {
          heldResponses.push(id);
          setTimeout(deliver, cfg.responseDelayMs);
        } else deliver();
        return;
      }
      unhandledPaths.push(`${req.method} ${url.pathname}`);
      res.writeHead(404);
      res.end();
    });
  });
  server.keepAliveTimeout = 1000;
  const wss = new WebSocketServer({ server, path: '/socket' });
  wss.on('connection', (ws) => {
    if (cfg.refuseSockets) {
      ws.terminate();
      return;
    }
    sockets.add(ws);
    ws.on('message', (data: Buffer) => {
      const rec = {
        ...(JSON.parse(data.toString()) as { envelope_id: string; payload?: Json }),
        at: performance.now(),
      };
      socketAcks.push(rec);
      notify('socket_ack', rec);
    });
    ws.on('close', () => sockets.delete(ws));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake' },
        connection_info: { app_id: 'A0TEST' },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  const responseUrl = (id: string = randomUUID()) => `http://127.0.0.1:${port}/response/${id}`;

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    apiCalls,
    responses,
    socketAcks,
    /** Every file upload, in order: what was asked for, the bytes received, whether it was completed. */
    uploads,
    waitFor,
    responseUrl,
    callsTo: (method: string) => apiCalls.filter((c) => c.method === method),
    override: (method: string, handler: Handler | undefined) => {
      if (handler) overrides.set(method, handler);
      else overrides.delete(method);
    },
    unhandled: () => [
      ...apiCalls.filter((c) => c.unhandled).map((c) => `api ${c.method}`),
      ...unhandledPaths,
    ],
    reset() {
      apiCalls.length = 0;
      responses.length = 0;
      socketAcks.length = 0;
    },
    socketCount: () => sockets.size,
    cfg,
    heldResponses,
    /** Cuts every Socket Mode connection, as a network outage would. */
    dropSockets() {
      for (const ws of sockets) ws.terminate();
    },

    /** POSTs a signed delivery to the app's HTTP endpoint, signing exactly the bytes it sends. */
    async deliver(
      appUrl: string,
      o: {
        form?: Json;
        /** A JSON body; null sends the literal body `null`. */
        json?: Json | null;
        timestamp?: number;
        signature?: string;
        headers?: Record<string, string>;
        secret?: string;
        /** Gives up (rejects) when the app has not answered by then. */
        timeoutMs?: number;
      },
    ) {
      const raw = o.form !== undefined ? qs(o.form as Record<string, string>) : JSON.stringify(o.json);
      const contentType = o.form !== undefined ? 'application/x-www-form-urlencoded' : 'application/json';
      const signed: Record<string, string> = signSlackRequest(
        o.secret ?? SLACK.signingSecret,
        raw,
        o.timestamp,
      );
      if (o.signature) signed['x-slack-signature'] = o.signature;
      const start = performance.now();
      const res = await fetch(appUrl, {
        method: 'POST',
        headers: { 'content-type': contentType, ...signed, ...(o.headers ?? {}) },
        body: raw,
        ...(o.timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(o.timeoutMs) }),
      });
      const text = await res.text();
      return { status: res.status, text, ms: performance.now() - start };
    },

    slashCommand(text: string, o: { user?: string; channel?: string; responseId?: string } = {}): Json {
      return {
        token: 'deprecated',
        team_id: SLACK.team,
        team_domain: 'fake',
        channel_id: o.channel ?? SLACK.channel,
        channel_name: 'general',
        user_id: o.user ?? SLACK.user,
        user_name: 'alice',
        command: '/llm',
        text,
        api_app_id: 'A0TEST',
        is_enterprise_install: 'false',
        response_url: responseUrl(o.responseId),
        trigger_id: `${Date.now()}.trigger`,
      };
    },

    eventEnvelope(event: Json, eventId = `Ev${randomUUID().slice(0, 8)}`): Json {
      return {
        token: 'deprecated',
        team_id: SLACK.team,
        api_app_id: 'A0TEST',
        event,
        type: 'event_callback',
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [
          {
            enterprise_id: null,
            team_id: SLACK.team,
            user_id: SLACK.botUserId,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        is_ext_shared_channel: false,
        event_context: '4-fake',
      };
    },

    appMention(
      text: string,
      o: { threadTs?: string; ts?: string; user?: string; botId?: string } = {},
    ): Json {
      return {
        type: 'app_mention',
        user: o.user ?? SLACK.user,
        text: `<@${SLACK.botUserId}> ${text}`,
        ts: o.ts ?? nextTs(),
        channel: SLACK.channel,
        event_ts: nextTs(),
        team: SLACK.team,
        ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
        ...(o.botId ? { bot_id: o.botId } : {}),
      };
    },

    directMessage(text: string, o: { botId?: string; user?: string } = {}): Json {
      const t = nextTs();
      return {
        type: 'message',
        channel: SLACK.dm,
        channel_type: 'im',
        user: o.user ?? SLACK.user,
        text,
        ts: t,
        event_ts: t,
        team: SLACK.team,
        ...(o.botId ? { bot_id: o.botId } : {}),
      };
    },

    blockAction(
      actionId: string,
      o: { value?: string; selected?: string; responseId?: string; user?: string } = {},
    ): Json {
      const action =
        o.selected !== undefined
          ? {
              type: 'static_select',
              action_id: actionId,
              block_id: 'b1',
              selected_option: { text: { type: 'plain_text', text: o.selected }, value: o.selected },
              action_ts: `${Date.now() / 1000}`,
            }
          : {
              type: 'button',
              action_id: actionId,
              block_id: 'b1',
              value: o.value ?? '',
              action_ts: `${Date.now() / 1000}`,
              text: { type: 'plain_text', text: 'More' },
            };
      return {
        type: 'block_actions',
        user: { id: o.user ?? SLACK.user, username: 'alice', team_id: SLACK.team },
        api_app_id: 'A0TEST',
        token: 'deprecated',
        container: {
          type: 'message',
          message_ts: '1700000001.000100',
          channel_id: SLACK.channel,
          is_ephemeral: false,
        },
        trigger_id: `${Date.now()}.trigger`,
        team: { id: SLACK.team, domain: 'fake' },
        channel: { id: SLACK.channel, name: 'general' },
        message: { type: 'message', ts: '1700000001.000100', text: 'orig' },
        response_url: responseUrl(o.responseId),
        actions: [action],
      };
    },

    /** Sends a Socket Mode envelope over the live connection. */
    sendEnvelope(
      type: 'slash_commands' | 'events_api' | 'interactive',
      payload: Json,
      envelopeId: string = randomUUID(),
    ): string {
      const [ws] = sockets;
      if (!ws) throw new Error('fake-slack: no Socket Mode connection');
      ws.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: type !== 'events_api',
        }),
      );
      return envelopeId;
    },

    async stop() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

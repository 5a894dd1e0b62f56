// A strict local stand-in for Discord (REST + gateway) on 127.0.0.1, enough for discord.js 14.28.
// Ported from ../shared/reference/fake-discord.mjs; unknown routes answer 404 and are flagged.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { parseMultipart } from './multipart.ts';

export type Json = Record<string, unknown>;

let counter = 0n;
/** Real-looking snowflakes: @discordjs/rest derives rate-limit buckets from 17-19 digit ids. */
export function snowflake(): string {
  const ts = BigInt(Date.now()) - 1420070400000n;
  counter = (counter + 1n) & 0xfffn;
  return ((ts << 22n) | counter).toString();
}

export const IDS = {
  app: '1100000000000000001',
  bot: '1100000000000000001',
  guild: '1200000000000000002',
  channel: '1300000000000000003',
  user: '1400000000000000004',
  other: '1400000000000000005',
  command: '1500000000000000005',
  contextCommand: '1500000000000000006',
  role: '1600000000000000007',
} as const;

export const BOT_USER = {
  id: IDS.bot,
  username: 'llm-bot',
  discriminator: '0000',
  global_name: null,
  avatar: null,
  bot: true,
  flags: 0,
};
export const HUMAN = {
  id: IDS.user,
  username: 'alice',
  discriminator: '0',
  global_name: 'Alice',
  avatar: null,
  public_flags: 0,
};
export const NEWCOMER = {
  id: IDS.other,
  username: 'bob',
  discriminator: '0',
  global_name: 'Bob',
  avatar: null,
  public_flags: 0,
};

export function textChannel(id: string = IDS.channel, guildId: string = IDS.guild): Json {
  return {
    id,
    type: 0,
    guild_id: guildId,
    name: 'general',
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    parent_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function guildPayload(id: string = IDS.guild, channels: Json[] = [textChannel()]): Json {
  return {
    id,
    name: 'Test Guild',
    icon: null,
    owner_id: IDS.user,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      {
        id,
        name: '@everyone',
        color: 0,
        hoist: false,
        position: 0,
        permissions: '1071698660929',
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

type MessageInit = {
  id?: string;
  channelId?: string;
  guildId?: string;
  author?: Json;
  content?: string;
  embeds?: unknown[];
  components?: unknown[];
  mentions?: Json[];
  interaction?: { id: string; type: number };
  flags?: number;
  webhookId?: string;
  attachments?: Json[];
};

export function messagePayload(init: MessageInit = {}): Json {
  const guildId = init.guildId ?? IDS.guild;
  return {
    id: init.id ?? snowflake(),
    channel_id: init.channelId ?? IDS.channel,
    guild_id: guildId,
    author: init.author ?? BOT_USER,
    content: init.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: init.mentions ?? [],
    mention_roles: [],
    mention_channels: [],
    attachments: init.attachments ?? [],
    embeds: init.embeds ?? [],
    components: init.components ?? [],
    pinned: false,
    type: init.interaction ? 20 : 0,
    flags: init.flags ?? 0,
    application_id: IDS.app,
    ...(init.webhookId ? { webhook_id: init.webhookId } : {}),
    ...(init.interaction
      ? {
          interaction_metadata: {
            id: init.interaction.id,
            type: init.interaction.type,
            user: HUMAN,
            authorizing_integration_owners: { 0: guildId },
          },
        }
      : {}),
  };
}

/** Every field discord.js 14.28 reads without a guard; a missing one crashes the client process. */
function baseInteraction(type: number, data: Json, extra: Json = {}): Json {
  const id = snowflake();
  return {
    id,
    application_id: IDS.app,
    type,
    token: `itok_${id}`,
    version: 1,
    data,
    guild_id: IDS.guild,
    channel_id: IDS.channel,
    channel: textChannel(),
    member: {
      user: HUMAN,
      roles: [],
      permissions: '2251799813685247',
      joined_at: '2024-01-01T00:00:00.000Z',
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
      communication_disabled_until: null,
    },
    app_permissions: '2251799813685247',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { 0: IDS.guild },
    context: 0,
    attachment_size_limit: 8388608,
    ...extra,
  };
}

export type SlashOptions = { question: string; private?: boolean; mention?: Json };

export const interactions = {
  slash(o: SlashOptions): Json {
    const options: Json[] = [{ type: 3, name: 'question', value: o.question }];
    if (o.private !== undefined) options.push({ type: 5, name: 'private', value: o.private });
    const resolved: Json = {};
    if (o.mention) {
      options.push({ type: 6, name: 'mention', value: o.mention.id });
      resolved.users = { [String(o.mention.id)]: o.mention };
    }
    return baseInteraction(2, {
      id: IDS.command,
      name: 'llm',
      type: 1,
      options,
      ...(o.mention ? { resolved } : {}),
    });
  },
  autocomplete(value: string): Json {
    return baseInteraction(4, {
      id: IDS.command,
      name: 'llm',
      type: 1,
      options: [{ type: 3, name: 'question', value, focused: true }],
    });
  },
  button(customId: string, message: Json): Json {
    return baseInteraction(3, { custom_id: customId, component_type: 2 }, { message });
  },
  select(customId: string, values: string[], message: Json): Json {
    return baseInteraction(3, { custom_id: customId, component_type: 3, values }, { message });
  },
  messageCommand(target: Json): Json {
    return baseInteraction(2, {
      id: IDS.contextCommand,
      name: 'Explain with /llm',
      type: 3,
      target_id: target.id,
      resolved: { messages: { [String(target.id)]: target } },
    });
  },
};

/** A file sent with a request (multipart/form-data), as Discord receives it. */
export type RecordedFile = { field: string; name: string; contentType: string | undefined; data: Buffer };

export type RecordedRequest = {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  json: Json | undefined;
  /** The files of a multipart request (`files[0]`, …); empty for JSON. */
  files: RecordedFile[];
  status: number;
  unhandled: boolean;
};

export type Override = (
  r: RecordedRequest,
) => { status: number; body?: unknown; headers?: Record<string, string> } | undefined;

export type FakeDiscordOptions = { guilds?: Json[]; heartbeatInterval?: number };

type Socket = WebSocket & { ready?: boolean };

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

export async function startFakeDiscord(options: FakeDiscordOptions = {}) {
  const guilds = options.guilds ?? [guildPayload()];
  const cfg: { override: Override | undefined; refuseConnections: boolean; callbackDelayMs: number } = {
    override: undefined,
    refuseConnections: false,
    callbackDelayMs: 0,
  };
  const requests: RecordedRequest[] = [];
  const inflightCallbacks: RecordedRequest[] = [];
  const waiters = new Set<{
    pred: (r: RecordedRequest) => boolean;
    resolve: (r: RecordedRequest) => void;
    timer: NodeJS.Timeout;
  }>();
  const messages = new Map<string, Json>();
  const gw = {
    sockets: new Set<Socket>(),
    identifies: 0,
    resumes: 0,
    connections: 0,
    seq: 0,
    sessionId: '',
    sent: [] as Json[],
  };
  const server = http.createServer((req, res) => handleHttp(req, res));
  const wss = new WebSocketServer({ server, path: '/gateway' });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  function record(r: RecordedRequest) {
    requests.push(r);
    for (const w of waiters) {
      if (w.pred(r)) {
        waiters.delete(w);
        clearTimeout(w.timer);
        w.resolve(r);
      }
    }
  }

  function waitForRequest(pred: (r: RecordedRequest) => boolean, timeout = 5000): Promise<RecordedRequest> {
    const hit = requests.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const w = {
        pred,
        resolve,
        timer: setTimeout(() => {
          waiters.delete(w);
          reject(new Error('waitForRequest timed out'));
        }, timeout),
      };
      waiters.add(w);
    });
  }

  function send(
    res: http.ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const h: Record<string, string> = { ...headers };
    let payload = '';
    if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    res.writeHead(status, h);
    res.end(payload);
  }

  function parseBody(raw: Buffer, contentType: string): { json: Json | undefined; files: RecordedFile[] } {
    if (raw.length === 0) return { json: undefined, files: [] };
    if (contentType.startsWith('application/json'))
      return { json: JSON.parse(raw.toString('utf8')) as Json, files: [] };
    if (contentType.startsWith('multipart/form-data')) {
      const parts = parseMultipart(raw, contentType);
      const payload = parts.find((p) => p.name === 'payload_json');
      const files = parts.flatMap((p) =>
        p.filename === undefined
          ? []
          : [{ field: p.name, name: p.filename, contentType: p.contentType, data: Buffer.from(p.data) }],
      );
      if (payload) return { json: JSON.parse(payload.data.toString('utf8')) as Json, files };
    }
    throw new Error(`fake-discord: unexpected body of type ${contentType}`);
  }

  /** A message's attachments after a request: the ones it keeps (by id) and the files it sends (by index). */
  function attachmentsOf(data: Json, files: RecordedFile[], previous: Json[] = []): Json[] | undefined {
    if (!Array.isArray(data.attachments)) return undefined;
    return (data.attachments as Json[]).flatMap((a) => {
      const file = files.find((f) => f.field === `files[${String(a.id)}]`);
      if (!file) return previous.filter((p) => p.id === a.id);
      const id = snowflake();
      const url = `https://cdn.fake-discord.test/attachments/${IDS.channel}/${id}/${file.name}`;
      return [
        {
          id,
          filename: file.name,
          size: file.data.length,
          url,
          proxy_url: url,
          content_type: file.contentType ?? 'application/octet-stream',
          ...(typeof a.description === 'string' ? { description: a.description } : {}),
        },
      ];
    });
  }

  /** Embed images named `attachment://x` that the message will not have: Discord would show none. */
  function missingAttachments(data: Json, attachments: Json[]): string[] {
    const names = new Set(attachments.map((a) => String(a.filename)));
    return ((data.embeds as Json[] | undefined) ?? []).flatMap((e) => {
      const url = String((e.image as Json | undefined)?.url ?? '');
      return url.startsWith('attachment://') && !names.has(url.slice('attachment://'.length)) ? [url] : [];
    });
  }

  function handleHttp(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const r: RecordedRequest = {
        method: req.method ?? 'GET',
        // discord.js percent-encodes '@original'
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        ...parseBody(Buffer.concat(chunks), req.headers['content-type'] ?? ''),
        status: 0,
        unhandled: false,
      };
      const answer = () => {
        route(r, res);
        record(r);
      };
      // A slow Discord: interaction callbacks wait, so a test can catch an answer in flight.
      if (cfg.callbackDelayMs > 0 && r.path.endsWith('/callback')) {
        inflightCallbacks.push(r);
        setTimeout(answer, cfg.callbackDelayMs);
      } else answer();
    });
  }

  function reply(
    r: RecordedRequest,
    res: http.ServerResponse,
    status: number,
    body?: unknown,
    headers?: Record<string, string>,
  ) {
    r.status = status;
    send(res, status, body, headers);
  }

  function route(r: RecordedRequest, res: http.ServerResponse) {
    const o = cfg.override?.(r);
    if (o) return reply(r, res, o.status, o.body, o.headers);
    const p = r.path.replace(/^\/api\/v10/, '');
    const body = r.json ?? {};
    const data = (body.data ?? {}) as Json;
    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(p);
    const webhookMessage = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/.exec(p);
    const threadRoute = /^\/channels\/(\d+)\/messages\/(\d+)\/threads$/.exec(p);
    const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(p);
    if (r.method === 'GET' && p === '/gateway/bot') {
      return reply(r, res, 200, {
        url: gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86400000, max_concurrency: 1 },
      });
    }
    if (r.method === 'POST' && callback) {
      const [, iid = '', token = ''] = callback;
      const type = Number(body.type);
      let msg: Json | undefined;
      const existing = messages.get(token);
      const attachments = attachmentsOf(data, r.files, (existing?.attachments as Json[] | undefined) ?? []);
      const missing = missingAttachments(
        data,
        attachments ?? (existing?.attachments as Json[] | undefined) ?? [],
      );
      if (missing.length > 0)
        return reply(r, res, 400, {
          message: `fake-discord: no attachment for ${missing.join(', ')}`,
          code: 50035,
        });
      if (type === 4 || type === 5) {
        msg = messagePayload({
          content: String(data.content ?? ''),
          embeds: (data.embeds as unknown[]) ?? [],
          components: (data.components as unknown[]) ?? [],
          interaction: { id: iid, type: 2 },
          flags: Number(data.flags ?? 0),
          webhookId: IDS.app,
          ...(attachments ? { attachments } : {}),
        });
        messages.set(token, msg);
      } else if (type === 6 || type === 7) {
        msg = existing ?? messagePayload({ interaction: { id: iid, type: 3 } });
        if (type === 7)
          Object.assign(msg, {
            content: data.content ?? msg.content,
            embeds: data.embeds ?? msg.embeds,
            components: data.components ?? msg.components,
            attachments: attachments ?? msg.attachments,
          });
      } else if (type !== 8) {
        return reply(r, res, 400, { message: `fake-discord: unexpected callback type ${type}`, code: 50035 });
      }
      if (r.query.with_response === 'true') {
        return reply(r, res, 200, {
          interaction: {
            id: iid,
            type: 2,
            response_message_id: msg?.id ?? null,
            response_message_loading: type === 5,
            response_message_ephemeral: false,
          },
          resource: msg ? { type, message: msg } : { type },
        });
      }
      return reply(r, res, 204);
    }
    if (webhookMessage) {
      const [, , token = '', mid = ''] = webhookMessage;
      let msg = messages.get(token);
      if (!msg) {
        msg = messagePayload({ webhookId: IDS.app });
        messages.set(token, msg);
      }
      if (r.method === 'PATCH') {
        Object.assign(msg, {
          content: body.content ?? msg.content,
          embeds: body.embeds ?? msg.embeds,
          components: body.components ?? msg.components,
          edited_timestamp: new Date().toISOString(),
        });
      } else if (r.method === 'DELETE') return reply(r, res, 204);
      else if (r.method !== 'GET') return unhandled(r, res);
      return reply(r, res, 200, mid === '@original' ? msg : { ...msg, id: mid });
    }
    if (r.method === 'POST' && /^\/webhooks\/(\d+)\/([^/]+)$/.test(p)) {
      return reply(
        r,
        res,
        200,
        messagePayload({
          content: String(body.content ?? ''),
          embeds: (body.embeds as unknown[]) ?? [],
          flags: Number(body.flags ?? 0),
          webhookId: IDS.app,
        }),
      );
    }
    if (r.method === 'POST' && threadRoute) {
      const [, cid = '', mid = ''] = threadRoute;
      const now = new Date().toISOString();
      const thread = {
        id: mid,
        type: 11,
        guild_id: IDS.guild,
        parent_id: cid,
        owner_id: IDS.bot,
        name: body.name ?? 'thread',
        last_message_id: null,
        rate_limit_per_user: 0,
        message_count: 0,
        member_count: 1,
        flags: 0,
        total_message_sent: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: body.auto_archive_duration ?? 1440,
          archive_timestamp: now,
          locked: false,
          create_timestamp: now,
        },
        member: { id: mid, user_id: IDS.bot, join_timestamp: now, flags: 1 },
      };
      reply(r, res, 201, thread);
      // Discord tells the bot about the thread it made, as it does for every new thread it can see.
      dispatch('THREAD_CREATE', { ...thread, newly_created: true });
      return;
    }
    if (r.method === 'POST' && channelMessage) {
      return reply(
        r,
        res,
        200,
        messagePayload({
          channelId: channelMessage[1] ?? IDS.channel,
          content: String(body.content ?? ''),
          embeds: (body.embeds as unknown[]) ?? [],
        }),
      );
    }
    if (r.method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(p)) {
      const list = Array.isArray(r.json) ? (r.json as Json[]) : [];
      return reply(
        r,
        res,
        200,
        list.map((c) => ({
          id: snowflake(),
          application_id: IDS.app,
          version: snowflake(),
          default_member_permissions: null,
          type: 1,
          ...c,
        })),
      );
    }
    return unhandled(r, res);
  }

  function unhandled(r: RecordedRequest, res: http.ServerResponse) {
    r.unhandled = true;
    reply(r, res, 404, { message: '404: Not Found', code: 0 });
  }

  function dispatch(t: string, d: unknown): Json {
    gw.seq += 1;
    const frame = { op: 0, t, s: gw.seq, d };
    gw.sent.push(frame);
    const ws = [...gw.sockets].find((s) => s.ready);
    ws?.send(JSON.stringify(frame));
    return frame;
  }

  wss.on('connection', (socket: Socket) => {
    // An outage: the gateway accepts and drops every connection until it is lifted.
    if (cfg.refuseConnections) {
      socket.terminate();
      return;
    }
    gw.connections++;
    socket.ready = false;
    gw.sockets.add(socket);
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: options.heartbeatInterval ?? 41250 } }));
    socket.on('message', (raw: Buffer) => {
      const pkt = JSON.parse(raw.toString()) as { op: number; d: Json };
      if (pkt.op === 1) socket.send(JSON.stringify({ op: 11 }));
      else if (pkt.op === 2) {
        gw.identifies++;
        gw.sessionId = `sess_${snowflake()}`;
        gw.seq = 0;
        gw.sent = [];
        socket.ready = true;
        dispatch('READY', {
          v: 10,
          user: BOT_USER,
          user_settings: {},
          session_type: 'normal',
          session_id: gw.sessionId,
          resume_gateway_url: gatewayUrl,
          shard: pkt.d.shard,
          guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
          application: { id: IDS.app, flags: 0 },
          private_channels: [],
          relationships: [],
          presences: [],
          guild_join_requests: [],
          geo_ordered_rtc_regions: [],
        });
        for (const g of guilds) dispatch('GUILD_CREATE', g);
      } else if (pkt.op === 6) {
        gw.resumes++;
        if (pkt.d.session_id !== gw.sessionId) {
          socket.send(JSON.stringify({ op: 9, d: false }));
          return;
        }
        socket.ready = true;
        for (const f of gw.sent.filter((x) => Number(x.s) > Number(pkt.d.seq)))
          socket.send(JSON.stringify(f));
        dispatch('RESUMED', {});
      }
    });
    socket.on('close', () => gw.sockets.delete(socket));
  });

  return {
    cfg,
    port,
    restApi: `${base}/api`,
    requests,
    gw,
    waitForRequest,
    dispatch,
    sendInteraction: (i: Json) => dispatch('INTERACTION_CREATE', i),
    /** Ends the live gateway socket: a close code, or 'drop' to cut the TCP connection (the client sees 1006). */
    disconnect(how: number | 'drop' = 4000) {
      for (const s of gw.sockets) {
        s.ready = false;
        if (how === 'drop') s.terminate();
        else s.close(how, 'test');
      }
    },
    unhandled: () => requests.filter((r) => r.unhandled),
    /** Callbacks that arrived while callbackDelayMs held them back. */
    heldCallbacks: inflightCallbacks,
    async close() {
      for (const s of gw.sockets) s.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The callback a given interaction got (its token is unique), with its body. */
export function callbackOf(fake: FakeDiscord, interaction: Json, timeout?: number): Promise<RecordedRequest> {
  return fake.waitForRequest(
    (r) =>
      r.path.includes(`/interactions/${String(interaction.id)}/${String(interaction.token)}/callback`) &&
      r.status < 300,
    timeout,
  );
}

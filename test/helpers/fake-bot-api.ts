/**
 * A stand-in Telegram Bot API server for end-to-end tests.
 *
 * It speaks the real HTTP protocol (`POST {apiRoot}/bot{token}/{method}`, JSON,
 * form-urlencoded or multipart bodies; `{ ok, result }` / `{ ok:false, error_code,
 * description, parameters }` responses), so a real grammY `Bot` created with
 * `client: { apiRoot: fake.apiRoot }` can run unmodified — long polling with
 * `bot.start()` or `@grammyjs/runner`'s `run()`, with transformers such as
 * auto-retry and the throttler installed.
 *
 * Built on `node:http` only. `telegram-test-api` was evaluated and rejected:
 * its getUpdates ignores `offset`/`timeout`/`allowed_updates` (no long poll, no
 * redelivery, updates are consumed on first read), the bot's own messages always
 * come back with `chat.type: 'private'` and `date` in milliseconds, no `from`,
 * `editMessageText` answers `result: null`, unknown methods (e.g. setMyCommands)
 * answer an error, and there is no way to inject failures such as 429.
 *
 * Behaviour worth knowing (it mirrors Telegram):
 * - getUpdates honours `offset` (updates below it are confirmed and dropped),
 *   `limit`, `allowed_updates` (sticky between calls, `[]` = the default set) and
 *   `timeout` (long poll, but a request is never held longer than
 *   `longPollCapMs`, default 1000 ms, so shutdown is quick). A second concurrent
 *   getUpdates terminates the first with 409 Conflict.
 * - Messages get per-chat ids; `date` is in seconds; `from` is the bot.
 * - `editMessageText` without `reply_markup` removes the inline keyboard, and an
 *   edit that changes nothing fails with 400 "message is not modified".
 * - A callback query can be answered once; a second answer fails with 400.
 * - Text is stored as sent: `parse_mode` markup (HTML/Markdown) is NOT parsed.
 * - Methods with no built-in behaviour answer `{ ok: true, result: true }`; use
 *   `fake.on(method, handler)` to give any method a custom answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// ---------------------------------------------------------------------------
// Public types

export type ChatType = 'private' | 'group' | 'supergroup';

export interface FakeChat {
  id: number;
  type: ChatType;
  /** groups/supergroups; defaults to `Group <id>` */
  title?: string;
}

export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface FakeApiCall {
  method: string;
  params: Record<string, any>;
  /** Date.now() when the request arrived */
  at: number;
  /** the `result` returned on success */
  result?: unknown;
  /** set when the call answered with an error (injected or built-in validation) */
  error?: { error_code: number; description: string; parameters?: Record<string, unknown> };
}

export interface SentMessage {
  messageId: number;
  /** current text (after edits); the caption for media messages, '' if none */
  text: string;
  /** current inline keyboard markup (Telegram only echoes inline keyboards) */
  replyMarkup?: any;
  /** the reply markup requested in the send call, of any kind (reply keyboard, force_reply, …) */
  requestedReplyMarkup?: any;
  /** every text set by editMessageText, in order */
  edits: string[];
  deleted: boolean;
  replyToMessageId?: number;
  /** the method that created it: sendMessage, sendPhoto, … */
  via: string;
  /** the params of the creating call */
  params: Record<string, any>;
}

export interface FakeApiErrorBody {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Throw this from an `on()` handler to answer with a Bot API error. */
export class FakeApiError extends Error {
  constructor(
    readonly error_code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(`${error_code}: ${description}`);
    this.name = 'FakeApiError';
  }
}

export type MethodHandler = (params: Record<string, any>) => unknown;

export interface FakeBotApi {
  /** e.g. http://127.0.0.1:PORT (grammY builds `${apiRoot}/bot${token}/${method}`) */
  apiRoot: string;
  token: string;
  /** the getMe answer */
  botInfo: {
    id: number;
    is_bot: true;
    first_name: string;
    username: string;
    can_join_groups: boolean;
    can_read_all_group_messages: boolean;
    supports_inline_queries: boolean;
    can_connect_to_business: boolean;
    has_main_web_app: boolean;
  };
  /** queue an incoming text message; returns the update_id. Commands get bot_command entities automatically. */
  sendText(opts: {
    chat: FakeChat;
    from: FakeUser;
    text: string;
    entities?: unknown[];
    /** message id (in the same chat) this message replies to */
    replyTo?: number;
  }): number;
  /** queue a callback_query for an inline button on a bot message; returns the update_id */
  pressButton(opts: {
    chat: FakeChat;
    from: FakeUser;
    messageId: number;
    data: string;
    /** skip the check that the message currently shows a button with this callback_data */
    unchecked?: boolean;
  }): number;
  /** queue any raw update (update_id is assigned); returns the update_id */
  sendUpdate(update: Record<string, unknown>): number;
  /** deliver an already-sent update again, with the same update_id */
  redeliver(updateId: number): void;
  /** the update object with this id (a copy), as first delivered */
  getUpdate(updateId: number): Record<string, any> | undefined;
  /** message id of the user message carried by an update (sendText) */
  messageIdOf(updateId: number): number;
  /** every Bot API call the bot made, in order (getUpdates excluded unless `recordGetUpdates`) */
  calls: FakeApiCall[];
  /** calls to one method, in order */
  callsTo(method: string): FakeApiCall[];
  /** number of getUpdates requests served */
  readonly pollCount: number;
  /** updates queued but not yet confirmed by the bot via `offset` */
  readonly pendingUpdateCount: number;
  /** messages the bot sent, per chat, with the message ids the server assigned */
  sent(chatId: number): SentMessage[];
  /** commands registered with setMyCommands (default scope, no language unless given) */
  commands(scope?: Record<string, unknown>, languageCode?: string): Array<{ command: string; description: string }> | undefined;
  /** poll `pred` every 20 ms until truthy; rejects after timeoutMs (default 5000) listing the last calls */
  waitFor<T>(pred: () => T | undefined | false | null, timeoutMs?: number): Promise<T>;
  /** make the next n calls to `method` fail with this error (HTTP status = error_code) */
  failNext(method: string, n: number, error: FakeApiErrorBody): void;
  /** make the next n calls to `method` for one chat (`chat_id`, or the calls `which` picks) fail with this error; `Infinity` for all of them */
  failFor(method: string, which: number | ((params: Record<string, any>) => boolean), n: number, error: FakeApiErrorBody): void;
  /** override/add a method; return the result or throw FakeApiError. Takes precedence over built-ins. */
  on(method: string, handler: MethodHandler): void;
  /**
   * Refuse inline URL buttons whose address `pred` rejects, as Telegram does for addresses it will not
   * open (http://127.0.0.1:8080/…): sendMessage and the edits answer 400 `Bad Request: BUTTON_URL_INVALID`.
   * Default: every URL accepted.
   */
  refuseButtonUrls(pred: ((url: string) => boolean) | null): void;
  close(): Promise<void>;
}

export interface StartFakeBotApiOptions {
  botUsername?: string;
  botId?: number;
  botFirstName?: string;
  /** defaults to `${botId}:FAKE-TOKEN` */
  token?: string;
  /** longest time a getUpdates request is held (default 1000 ms) */
  longPollCapMs?: number;
  /** also record getUpdates in `calls` (default false: it is noise) */
  recordGetUpdates?: boolean;
}

// ---------------------------------------------------------------------------
// Internals

type Json = Record<string, any>;

interface StoredMessage {
  message: Json;
  fromBot: boolean;
  edits: string[];
  deleted: boolean;
  via: string;
  params: Json;
  requestedReplyMarkup?: unknown;
}

interface ChatState {
  chat: Json;
  nextMessageId: number;
  messages: Map<number, StoredMessage>;
  botMessageIds: number[];
  chatInstance: string;
}

interface Pending {
  update: Json;
  /** redelivered: ignores offset, dropped on the next poll after it was delivered */
  forced: boolean;
  delivered: boolean;
}

interface Waiter {
  params: Json;
  res: ServerResponse;
  timer: NodeJS.Timeout;
  done: boolean;
}

const DEFAULT_ALLOWED = new Set([
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
  'inline_query',
  'chosen_inline_result',
  'callback_query',
  'shipping_query',
  'pre_checkout_query',
  'purchased_paid_media',
  'poll',
  'poll_answer',
  'my_chat_member',
  'chat_join_request',
  'chat_boost',
  'removed_chat_boost',
]);

const NUMERIC_KEYS = new Set([
  'chat_id',
  'from_chat_id',
  'message_id',
  'message_thread_id',
  'reply_to_message_id',
  'user_id',
  'offset',
  'limit',
  'timeout',
  'cache_time',
  'until_date',
  'max_connections',
]);

const BOOLEAN_KEYS = new Set([
  'disable_notification',
  'protect_content',
  'allow_sending_without_reply',
  'disable_web_page_preview',
  'show_alert',
  'drop_pending_updates',
  'allow_paid_broadcast',
  'revoke_messages',
  'only_if_banned',
]);

const MEDIA_METHODS: Record<string, string> = {
  sendphoto: 'photo',
  senddocument: 'document',
  sendaudio: 'audio',
  sendvideo: 'video',
  sendvoice: 'voice',
  sendanimation: 'animation',
  sendsticker: 'sticker',
  sendvideonote: 'video_note',
};

const MAX_TEXT = 4096;
const COMMAND_RE = /(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?=$|\s)/g;

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

function updateType(update: Json): string | undefined {
  return Object.keys(update).find((k) => k !== 'update_id');
}

function commandEntities(text: string): Json[] {
  const out: Json[] = [];
  for (const m of text.matchAll(COMMAND_RE)) {
    const cmd = m[2]!;
    out.push({ type: 'bot_command', offset: m.index! + m[1]!.length, length: cmd.length });
  }
  return out;
}

function maybeJson(v: string): unknown {
  const t = v.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
    try {
      return JSON.parse(t);
    } catch {
      return v;
    }
  }
  return v;
}

/** Form/multipart values are strings; turn them into what a JSON client would have sent. */
function coerceFormParams(raw: Record<string, unknown>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') {
      out[k] = v;
    } else if (NUMERIC_KEYS.has(k) && /^-?\d+$/.test(v)) {
      out[k] = Number(v);
    } else if (BOOLEAN_KEYS.has(k) && (v === 'true' || v === 'false')) {
      out[k] = v === 'true';
    } else {
      out[k] = maybeJson(v);
    }
  }
  return out;
}

function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const text = body.toString('latin1'); // byte-preserving
  const parts = text.split(`--${boundary}`);
  for (const part of parts) {
    if (part === '' || part.startsWith('--')) continue;
    const p = part.replace(/^\r\n/, '').replace(/\r\n$/, '');
    const sep = p.indexOf('\r\n\r\n');
    if (sep < 0) continue;
    const headers = p.slice(0, sep);
    const content = p.slice(sep + 4);
    // grammY writes `content-disposition:form-data;name="<id>";filename=<name>` (filename unquoted)
    const name = /(?:^|[;\s:])name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) continue;
    const fn = /filename=(?:"([^"]*)"|([^;\r\n]*))/i.exec(headers);
    const filename = fn ? (fn[1] ?? fn[2] ?? '').trim() : undefined;
    const bytes = Buffer.from(content, 'latin1');
    if (filename !== undefined) {
      const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
      out[name] = { filename, size: bytes.length, contentType, content: bytes };
    } else {
      out[name] = bytes.toString('utf8');
    }
  }
  // resolve top-level `attach://<id>` references to the uploaded file part
  for (const [k, v] of Object.entries(out)) {
    const id = typeof v === 'string' && v.startsWith('attach://') ? v.slice('attach://'.length) : undefined;
    const file = id === undefined ? undefined : out[id];
    if (id !== undefined && file && typeof file === 'object') {
      out[k] = file;
      delete out[id];
    }
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseParams(req: IncomingMessage, url: URL): Promise<Json> {
  const fromQuery: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) fromQuery[k] = v;
  const body = await readBody(req);
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (body.length === 0) return coerceFormParams(fromQuery);
  if (type.includes('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return { ...coerceFormParams(fromQuery), ...(parsed as Json) };
  }
  if (type.includes('multipart/form-data')) {
    const boundary = /boundary=("?)([^";]+)\1/i.exec(req.headers['content-type'] ?? '')?.[2];
    if (!boundary) throw new FakeApiError(400, 'Bad Request: multipart boundary missing');
    return coerceFormParams({ ...fromQuery, ...parseMultipart(body, boundary) });
  }
  // application/x-www-form-urlencoded (or unknown: try it)
  const form: Record<string, unknown> = { ...fromQuery };
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) form[k] = v;
  return coerceFormParams(form);
}

function describeCall(c: FakeApiCall): string {
  const params = JSON.stringify(c.params, (_k, v: unknown) =>
    v && typeof v === 'object' && 'content' in (v as Json) && Buffer.isBuffer((v as Json).content)
      ? { ...(v as Json), content: `<${(v as Json).size} bytes>` }
      : v,
  );
  const short = params.length > 300 ? `${params.slice(0, 300)}…` : params;
  const err = c.error ? `  -> ERROR ${c.error.error_code} ${c.error.description}` : '';
  return `${c.method} ${short}${err}`;
}

// ---------------------------------------------------------------------------

export async function startFakeBotApi(opts: StartFakeBotApiOptions = {}): Promise<FakeBotApi> {
  const botId = opts.botId ?? 7_000_000_001;
  const botUsername = opts.botUsername ?? 'yishi_test_bot';
  const token = opts.token ?? `${botId}:FAKE-TOKEN`;
  const longPollCapMs = opts.longPollCapMs ?? 1000;
  const recordGetUpdates = opts.recordGetUpdates ?? false;

  const botInfo: FakeBotApi['botInfo'] = {
    id: botId,
    is_bot: true,
    first_name: opts.botFirstName ?? 'Yishi Test Bot',
    username: botUsername,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  };
  const botAsUser = { id: botId, is_bot: true, first_name: botInfo.first_name, username: botUsername };

  const calls: FakeApiCall[] = [];
  const chats = new Map<number, ChatState>();
  const history = new Map<number, Json>();
  const queue: Pending[] = [];
  const failures = new Map<string, { n: number; error: FakeApiErrorBody }[]>();
  const chatFailures = new Map<string, { which: (params: Json) => boolean; n: number; error: FakeApiErrorBody }[]>();
  const handlers = new Map<string, MethodHandler>();
  const callbackQueries = new Map<string, { answered: boolean }>();
  const commandSets = new Map<string, Array<{ command: string; description: string }>>();
  const waiters = new Set<Waiter>();
  let allowedUpdates: Set<string> = DEFAULT_ALLOWED;
  let nextUpdateId = 100_001;
  let nextCallbackId = 1;
  let pollCount = 0;
  let closed = false;

  // --- chats & messages ----------------------------------------------------

  function chatState(chatId: number): ChatState {
    let st = chats.get(chatId);
    if (!st) {
      const chat: Json =
        chatId > 0
          ? { id: chatId, type: 'private', first_name: `User ${chatId}` }
          : { id: chatId, type: String(chatId).startsWith('-100') ? 'supergroup' : 'group', title: `Group ${chatId}` };
      st = { chat, nextMessageId: 1, messages: new Map(), botMessageIds: [], chatInstance: String(8_000_000 + chats.size) };
      chats.set(chatId, st);
    }
    return st;
  }

  function registerChat(chat: FakeChat, from: FakeUser): ChatState {
    if (chat.type === 'private' && chat.id <= 0) throw new Error(`fake-bot-api: private chat id must be positive, got ${chat.id}`);
    if (chat.type !== 'private' && chat.id >= 0) throw new Error(`fake-bot-api: ${chat.type} chat id must be negative, got ${chat.id}`);
    const st = chatState(chat.id);
    st.chat =
      chat.type === 'private'
        ? {
            id: chat.id,
            type: 'private',
            first_name: from.first_name,
            ...(from.last_name !== undefined ? { last_name: from.last_name } : {}),
            ...(from.username !== undefined ? { username: from.username } : {}),
          }
        : { id: chat.id, type: chat.type, title: chat.title ?? st.chat.title ?? `Group ${chat.id}` };
    return st;
  }

  function userObject(from: FakeUser): Json {
    return { is_bot: false, ...from };
  }

  function findMessage(chatId: number, messageId: number): StoredMessage | undefined {
    const m = chats.get(chatId)?.messages.get(messageId);
    return m && !m.deleted ? m : undefined;
  }

  function shallowReply(m: StoredMessage): Json {
    const { reply_to_message: _ignored, ...rest } = m.message;
    return clone(rest);
  }

  // --- updates ---------------------------------------------------------------

  function enqueue(update: Json, forced = false): void {
    if (closed) throw new Error('fake-bot-api: already closed');
    queue.push({ update: clone(update), forced, delivered: false });
    wakeWaiters();
  }

  function newUpdate(body: Json): number {
    const update_id = nextUpdateId++;
    const update = { update_id, ...body };
    history.set(update_id, clone(update));
    enqueue(update);
    return update_id;
  }

  function deliverable(limit: number): Json[] {
    return queue
      .filter((p) => {
        const t = updateType(p.update);
        return t !== undefined && allowedUpdates.has(t);
      })
      .sort((a, b) => a.update.update_id - b.update.update_id)
      .slice(0, limit)
      .map((p) => {
        p.delivered = true;
        return clone(p.update);
      });
  }

  function confirm(params: Json): void {
    // redelivered entries that went out in an earlier response are gone now
    for (let i = queue.length - 1; i >= 0; i--) {
      const p = queue[i]!;
      if (p.forced && p.delivered) queue.splice(i, 1);
    }
    const offset = typeof params.offset === 'number' ? params.offset : undefined;
    if (offset === undefined || offset === 0) return;
    if (offset > 0) {
      for (let i = queue.length - 1; i >= 0; i--) {
        const p = queue[i]!;
        if (!p.forced && p.update.update_id < offset) queue.splice(i, 1);
      }
    } else {
      // negative offset: keep only the last |offset| updates
      const normal = queue.filter((p) => !p.forced).sort((a, b) => a.update.update_id - b.update.update_id);
      const drop = new Set(normal.slice(0, Math.max(0, normal.length + offset)));
      for (let i = queue.length - 1; i >= 0; i--) if (drop.has(queue[i]!)) queue.splice(i, 1);
    }
  }

  function limitOf(params: Json): number {
    const l = typeof params.limit === 'number' ? params.limit : 100;
    return Math.min(100, Math.max(1, l));
  }

  function finishWaiter(w: Waiter, payload: { status: number; body: Json }): void {
    if (w.done) return;
    w.done = true;
    clearTimeout(w.timer);
    waiters.delete(w);
    send(w.res, payload.status, payload.body);
  }

  function wakeWaiters(): void {
    for (const w of [...waiters]) {
      if (w.done) continue;
      const result = deliverable(limitOf(w.params));
      if (result.length > 0) finishWaiter(w, { status: 200, body: { ok: true, result } });
    }
  }

  function handleGetUpdates(params: Json, res: ServerResponse): void {
    pollCount++;
    // Telegram: a newer getUpdates terminates an older one still waiting
    for (const w of [...waiters]) {
      finishWaiter(w, {
        status: 409,
        body: {
          ok: false,
          error_code: 409,
          description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
        },
      });
    }
    if (Array.isArray(params.allowed_updates)) {
      allowedUpdates = params.allowed_updates.length === 0 ? DEFAULT_ALLOWED : new Set(params.allowed_updates as string[]);
    }
    confirm(params);
    const result = deliverable(limitOf(params));
    const timeoutS = typeof params.timeout === 'number' ? params.timeout : 0;
    if (result.length > 0 || timeoutS <= 0 || closed) {
      send(res, 200, { ok: true, result });
      return;
    }
    const w: Waiter = {
      params,
      res,
      done: false,
      timer: setTimeout(() => finishWaiter(w, { status: 200, body: { ok: true, result: [] } }), Math.min(timeoutS * 1000, longPollCapMs)),
    };
    waiters.add(w);
    res.on('close', () => {
      // client went away (e.g. runner.stop() aborted the fetch)
      if (!w.done) {
        w.done = true;
        clearTimeout(w.timer);
        waiters.delete(w);
      }
    });
  }

  // --- methods ---------------------------------------------------------------

  function chatIdOf(params: Json): number {
    const raw = params.chat_id;
    const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isFinite(id)) throw new FakeApiError(400, 'Bad Request: chat not found');
    return id;
  }

  let refusesUrl: ((url: string) => boolean) | null = null;
  function inlineMarkup(markup: unknown): Json | undefined {
    const m = typeof markup === 'string' ? maybeJson(markup) : markup;
    const out = m && typeof m === 'object' && 'inline_keyboard' in (m as Json) ? clone(m as Json) : undefined;
    const urls: unknown[] = out && Array.isArray(out.inline_keyboard) ? out.inline_keyboard.flat().map((b: Json) => b?.url).filter((u: unknown) => u !== undefined) : [];
    if (refusesUrl && urls.some((u) => typeof u !== 'string' || refusesUrl!(u))) throw new FakeApiError(400, 'Bad Request: BUTTON_URL_INVALID');
    return out;
  }

  function createBotMessage(method: string, params: Json, content: Json): Json {
    const chatId = chatIdOf(params);
    const markup = inlineMarkup(params.reply_markup);
    const st = chatState(chatId);
    const messageId = st.nextMessageId++;
    const message: Json = {
      message_id: messageId,
      from: { ...botAsUser },
      chat: clone(st.chat),
      date: nowSeconds(),
      ...(typeof params.message_thread_id === 'number' ? { message_thread_id: params.message_thread_id } : {}),
      ...content,
    };
    const replyToId: unknown = params.reply_parameters?.message_id ?? params.reply_to_message_id;
    if (typeof replyToId === 'number') {
      const target = findMessage(chatId, replyToId);
      if (target) message.reply_to_message = shallowReply(target);
      else if (!params.reply_parameters?.allow_sending_without_reply && !params.allow_sending_without_reply) {
        st.nextMessageId--;
        throw new FakeApiError(400, 'Bad Request: message to be replied not found');
      }
    }
    if (markup) message.reply_markup = markup;
    st.messages.set(messageId, {
      message,
      fromBot: true,
      edits: [],
      deleted: false,
      via: method,
      params: clone(stripBuffers(params)),
      requestedReplyMarkup: params.reply_markup === undefined ? undefined : clone(maybeJsonDeep(params.reply_markup)),
    });
    st.botMessageIds.push(messageId);
    return clone(message);
  }

  function maybeJsonDeep(v: unknown): unknown {
    return typeof v === 'string' ? maybeJson(v) : v;
  }

  function stripBuffers(params: Json): Json {
    const out: Json = {};
    for (const [k, v] of Object.entries(params)) {
      out[k] = v && typeof v === 'object' && Buffer.isBuffer((v as Json).content) ? { ...(v as Json), content: undefined } : v;
    }
    return out;
  }

  function botMessageFor(params: Json, action: 'edit' | 'delete'): StoredMessage {
    const chatId = chatIdOf(params);
    const messageId = params.message_id;
    const m = typeof messageId === 'number' ? findMessage(chatId, messageId) : undefined;
    if (!m) throw new FakeApiError(400, `Bad Request: message to ${action} not found`);
    if (action === 'edit' && !m.fromBot) throw new FakeApiError(400, "Bad Request: message can't be edited");
    return m;
  }

  const notModified = new FakeApiError(
    400,
    'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  );

  function builtin(lower: string, method: string, params: Json): unknown {
    switch (lower) {
      case 'getme':
        return { ...botInfo };
      case 'logout':
      case 'close':
        return true;
      case 'deletewebhook':
        if (params.drop_pending_updates === true) queue.splice(0, queue.length);
        return true;
      case 'setwebhook':
        return true;
      case 'getwebhookinfo':
        return { url: '', has_custom_certificate: false, pending_update_count: queue.length };
      case 'sendmessage': {
        const text: unknown = params.text;
        if (typeof text !== 'string' || text.trim() === '') throw new FakeApiError(400, 'Bad Request: message text is empty');
        if (text.length > MAX_TEXT) throw new FakeApiError(400, 'Bad Request: message is too long');
        const entities = Array.isArray(params.entities) ? { entities: clone(params.entities) } : {};
        return createBotMessage(method, params, { text, ...entities });
      }
      case 'editmessagetext': {
        if (params.inline_message_id !== undefined) return true;
        const text: unknown = params.text;
        if (typeof text !== 'string' || text.trim() === '') throw new FakeApiError(400, 'Bad Request: message text is empty');
        if (text.length > MAX_TEXT) throw new FakeApiError(400, 'Bad Request: message is too long');
        const m = botMessageFor(params, 'edit');
        const markup = inlineMarkup(params.reply_markup);
        if (m.message.text === text && JSON.stringify(m.message.reply_markup) === JSON.stringify(markup)) throw notModified;
        m.message.text = text;
        if (Array.isArray(params.entities)) m.message.entities = clone(params.entities);
        else delete m.message.entities;
        if (markup) m.message.reply_markup = markup;
        else delete m.message.reply_markup;
        m.message.edit_date = nowSeconds();
        m.edits.push(text);
        return clone(m.message);
      }
      case 'editmessagereplymarkup': {
        if (params.inline_message_id !== undefined) return true;
        const m = botMessageFor(params, 'edit');
        const markup = inlineMarkup(params.reply_markup);
        if (JSON.stringify(m.message.reply_markup) === JSON.stringify(markup)) throw notModified;
        if (markup) m.message.reply_markup = markup;
        else delete m.message.reply_markup;
        m.message.edit_date = nowSeconds();
        return clone(m.message);
      }
      case 'editmessagecaption': {
        if (params.inline_message_id !== undefined) return true;
        const m = botMessageFor(params, 'edit');
        m.message.caption = typeof params.caption === 'string' ? params.caption : undefined;
        const markup = inlineMarkup(params.reply_markup);
        if (markup) m.message.reply_markup = markup;
        else delete m.message.reply_markup;
        m.message.edit_date = nowSeconds();
        return clone(m.message);
      }
      case 'deletemessage': {
        const m = botMessageFor(params, 'delete');
        m.deleted = true;
        return true;
      }
      case 'answercallbackquery': {
        const q = callbackQueries.get(String(params.callback_query_id));
        if (!q || q.answered) {
          throw new FakeApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        }
        q.answered = true;
        return true;
      }
      case 'setmycommands': {
        const cmds = Array.isArray(params.commands) ? (clone(params.commands) as Array<{ command: string; description: string }>) : [];
        commandSets.set(commandKey(params.scope, params.language_code), cmds);
        return true;
      }
      case 'deletemycommands':
        commandSets.delete(commandKey(params.scope, params.language_code));
        return true;
      case 'getmycommands':
        return clone(commandSets.get(commandKey(params.scope, params.language_code)) ?? []);
      case 'getchat': {
        const st = chats.get(chatIdOf(params));
        if (!st) throw new FakeApiError(400, 'Bad Request: chat not found');
        return { ...clone(st.chat), accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: {} };
      }
      default: {
        const media = MEDIA_METHODS[lower];
        if (media) {
          const caption = typeof params.caption === 'string' ? { caption: params.caption } : {};
          const fileId = `FAKE-${media.toUpperCase()}-${Date.now()}`;
          const file = { file_id: fileId, file_unique_id: fileId };
          return createBotMessage(method, params, { [media]: media === 'photo' ? [{ ...file, width: 1, height: 1 }] : file, ...caption });
        }
        return true;
      }
    }
  }

  function commandKey(scope: unknown, languageCode: unknown): string {
    const s = typeof scope === 'string' ? maybeJson(scope) : scope;
    return `${JSON.stringify(s ?? { type: 'default' })}|${typeof languageCode === 'string' ? languageCode : ''}`;
  }

  // --- HTTP ----------------------------------------------------------------------

  function send(res: ServerResponse, status: number, body: Json): void {
    if (res.writableEnded || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  function sendError(res: ServerResponse, e: FakeApiErrorBody): void {
    send(res, e.error_code, {
      ok: false,
      error_code: e.error_code,
      description: e.description,
      ...(e.parameters ? { parameters: e.parameters } : {}),
    });
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    if (!match) {
      req.resume();
      sendError(res, { error_code: 404, description: 'Not Found' });
      return;
    }
    if (match[1] !== token) {
      req.resume();
      sendError(res, { error_code: 401, description: 'Unauthorized' });
      return;
    }
    const method = match[2]!;
    const lower = method.toLowerCase();
    let params: Json;
    try {
      params = await parseParams(req, url);
    } catch (e) {
      sendError(res, e instanceof FakeApiError ? e : { error_code: 400, description: `Bad Request: can't parse request body: ${String(e)}` });
      return;
    }

    const record = lower !== 'getupdates' || recordGetUpdates;
    const call: FakeApiCall = { method, params: stripBuffers(params), at: Date.now() };
    if (record) calls.push(call);

    const forChat = chatFailures.get(lower)?.find((f) => f.n > 0 && f.which(params));
    if (forChat) {
      forChat.n--;
      call.error = { ...forChat.error };
      sendError(res, forChat.error);
      return;
    }
    const injected = failures.get(lower);
    const head = injected?.[0];
    if (head) {
      if (--head.n <= 0) injected.shift();
      call.error = { ...head.error };
      sendError(res, head.error);
      return;
    }

    if (lower === 'getupdates') {
      handleGetUpdates(params, res);
      return;
    }

    try {
      const handler = handlers.get(lower);
      const result = handler ? await handler(params) : builtin(lower, method, params);
      call.result = result;
      send(res, 200, { ok: true, result: result ?? true });
    } catch (e) {
      if (e instanceof FakeApiError) {
        call.error = { error_code: e.error_code, description: e.description, ...(e.parameters ? { parameters: e.parameters } : {}) };
        sendError(res, e);
      } else {
        call.error = { error_code: 500, description: `Internal Server Error: ${String(e)}` };
        sendError(res, call.error);
      }
    }
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      sendError(res, { error_code: 500, description: `Internal Server Error: ${String(e)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  // --- API object ----------------------------------------------------------------

  const api: FakeBotApi = {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    botInfo,
    calls,

    sendText({ chat, from, text, entities, replyTo }) {
      const st = registerChat(chat, from);
      const messageId = st.nextMessageId++;
      const message: Json = {
        message_id: messageId,
        from: userObject(from),
        chat: clone(st.chat),
        date: nowSeconds(),
        text,
      };
      const ents = entities ?? commandEntities(text);
      if (ents.length > 0) message.entities = clone(ents);
      if (replyTo !== undefined) {
        const target = findMessage(chat.id, replyTo);
        if (!target) throw new Error(`fake-bot-api: sendText replyTo ${replyTo}: no such message in chat ${chat.id}`);
        message.reply_to_message = shallowReply(target);
      }
      st.messages.set(messageId, { message, fromBot: false, edits: [], deleted: false, via: 'user', params: {} });
      return newUpdate({ message: clone(message) });
    },

    pressButton({ chat, from, messageId, data, unchecked }) {
      const st = registerChat(chat, from);
      const m = findMessage(chat.id, messageId);
      if (!m || !m.fromBot) {
        throw new Error(`fake-bot-api: pressButton: no bot message ${messageId} in chat ${chat.id} (bot sent: ${st.botMessageIds.join(', ') || 'none'})`);
      }
      if (!unchecked) {
        const buttons: Json[] = (m.message.reply_markup?.inline_keyboard ?? []).flat();
        if (!buttons.some((b) => b.callback_data === data)) {
          throw new Error(
            `fake-bot-api: pressButton: message ${messageId} in chat ${chat.id} has no button with callback_data ${JSON.stringify(data)}; ` +
              `buttons: ${JSON.stringify(buttons.map((b) => b.callback_data ?? b.url ?? b.text))}`,
          );
        }
      }
      const id = String(nextCallbackId++);
      callbackQueries.set(id, { answered: false });
      return newUpdate({
        callback_query: {
          id,
          from: userObject(from),
          message: clone(m.message),
          chat_instance: st.chatInstance,
          data,
        },
      });
    },

    sendUpdate(update) {
      const { update_id: _ignored, ...body } = update as Json;
      return newUpdate(body);
    },

    redeliver(updateId) {
      const u = history.get(updateId);
      if (!u) throw new Error(`fake-bot-api: redeliver: unknown update_id ${updateId}`);
      enqueue(u, true);
    },

    getUpdate(updateId) {
      const u = history.get(updateId);
      return u ? clone(u) : undefined;
    },

    messageIdOf(updateId) {
      const id: unknown = history.get(updateId)?.message?.message_id;
      if (typeof id !== 'number') throw new Error(`fake-bot-api: update ${updateId} carries no message`);
      return id;
    },

    callsTo(method) {
      const lower = method.toLowerCase();
      return calls.filter((c) => c.method.toLowerCase() === lower);
    },

    get pollCount() {
      return pollCount;
    },

    get pendingUpdateCount() {
      return queue.length;
    },

    sent(chatId) {
      const st = chats.get(chatId);
      if (!st) return [];
      return st.botMessageIds.map((id) => {
        const m = st.messages.get(id)!;
        return {
          messageId: id,
          text: (m.message.text ?? m.message.caption ?? '') as string,
          ...(m.message.reply_markup ? { replyMarkup: clone(m.message.reply_markup) } : {}),
          ...(m.requestedReplyMarkup !== undefined ? { requestedReplyMarkup: clone(m.requestedReplyMarkup) } : {}),
          edits: [...m.edits],
          deleted: m.deleted,
          ...(m.message.reply_to_message ? { replyToMessageId: m.message.reply_to_message.message_id as number } : {}),
          via: m.via,
          params: clone(m.params),
        };
      });
    },

    commands(scope, languageCode) {
      const c = commandSets.get(commandKey(scope, languageCode));
      return c ? clone(c) : undefined;
    },

    async waitFor<T>(pred: () => T | undefined | false | null, timeoutMs = 5000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      let lastError: unknown;
      for (;;) {
        try {
          const v = pred();
          if (v) return v;
          lastError = undefined;
        } catch (e) {
          lastError = e;
        }
        if (Date.now() >= deadline) {
          const last = calls.slice(-15).map((c) => `  ${describeCall(c)}`).join('\n');
          throw new Error(
            `fake-bot-api: waitFor timed out after ${timeoutMs} ms` +
              (lastError ? ` (predicate last threw: ${String(lastError)})` : '') +
              `\n${calls.length} calls recorded, ${pollCount} getUpdates polls, ${queue.length} updates pending; last calls:\n${last || '  (none)'}`,
          );
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },

    failNext(method, n, error) {
      if (n <= 0) return;
      const lower = method.toLowerCase();
      const list = failures.get(lower) ?? [];
      list.push({ n, error: clone(error) });
      failures.set(lower, list);
    },

    failFor(method, which, n, error) {
      if (n <= 0) return;
      const lower = method.toLowerCase();
      const pick = typeof which === 'number' ? (params: Json) => String(params.chat_id) === String(which) : which;
      chatFailures.set(lower, [...(chatFailures.get(lower) ?? []), { which: pick, n, error: clone(error) }]);
    },

    on(method, handler) {
      handlers.set(method.toLowerCase(), handler);
    },

    refuseButtonUrls(pred) {
      refusesUrl = pred;
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const w of [...waiters]) finishWaiter(w, { status: 200, body: { ok: true, result: [] } });
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return api;
}

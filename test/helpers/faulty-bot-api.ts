/**
 * The `telegram-test-api` package's Bot API emulator (written elsewhere, so a second opinion on the
 * protocol beside our fake-bot-api.ts), behind a small proxy that answers some calls with the
 * errors Telegram gives: the emulator itself knows no failures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import testApi from 'telegram-test-api';

// A CommonJS module whose class is its `default` export (Node hands over the exports object, a bundler the class).
type Emulator = typeof testApi.default;
const TelegramServer: Emulator = (testApi as { default?: Emulator }).default ?? (testApi as unknown as Emulator);

export interface Fault {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

/** Picks the answer of one call: a fault, or undefined to pass it to the emulator. `n` counts the calls of that method to that chat, from 1. */
export type FaultRule = (method: string, chatId: string, n: number) => Fault | undefined;

export interface FaultyBotApi {
  apiRoot: string;
  token: string;
  /** What the emulator received (the calls that were not failed), in order: chat and text. */
  delivered(): Array<{ chatId: string; text: string }>;
  /** Every call made, failed or not: method, chat and the error code it was answered with. */
  calls: Array<{ method: string; chatId: string; text: string; failed?: number }>;
  close(): Promise<void>;
}

const listen = (server: Server, port = 0): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

export async function startFaultyBotApi(rule: FaultRule): Promise<FaultyBotApi> {
  // The emulator takes a fixed port: find a free one first.
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((r) => probe.close(r));
  const emulator = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
  await emulator.start();
  const token = '7000000002:AAFakeTokenForTheFaultyBotApi_0123';
  const counts = new Map<string, number>();
  const calls: FaultyBotApi['calls'] = [];

  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const method = (req.url ?? '').split('/').pop() ?? '';
        let params: Record<string, unknown> = {};
        try {
          params = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
        } catch {
          // not JSON (a file upload): passed on as it is
        }
        const chatId = String(params.chat_id ?? '');
        const key = `${method}:${chatId}`;
        const n = (counts.get(key) ?? 0) + 1;
        counts.set(key, n);
        const fault = rule(method, chatId, n);
        calls.push({ method, chatId, text: String(params.text ?? ''), ...(fault ? { failed: fault.error_code } : {}) });
        if (fault) {
          res.writeHead(fault.error_code, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, ...fault }));
          return;
        }
        const up = await fetch(`http://127.0.0.1:${port}${req.url}`, {
          method: req.method ?? 'POST',
          headers: { 'content-type': String(req.headers['content-type'] ?? 'application/json') },
          ...(body.length ? { body } : {}),
        });
        res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await up.arrayBuffer()));
      })().catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
  });
  const proxyPort = await listen(proxy);

  return {
    apiRoot: `http://127.0.0.1:${proxyPort}`,
    token,
    calls,
    delivered: () =>
      emulator.storage.botMessages.map((m: { message: { chat_id: unknown; text?: unknown } }) => ({ chatId: String(m.message.chat_id), text: String(m.message.text ?? '') })),
    async close() {
      await new Promise((r) => proxy.close(r));
      proxy.closeAllConnections();
      await emulator.stop();
    },
  };
}

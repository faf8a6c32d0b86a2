import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { HttpListenError } from './start-failure.js';

export interface HealthReport {
  ok: boolean;
  database: 'up' | 'down';
  platforms: Record<string, { state: string; detail?: string }>;
}

export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/**
 * The HTTP server on `host:port`: `/healthz` (200 when the database answers, else 503), `/metrics`,
 * and extra routes (webhook). Both bodies pass through `redact` (no token leaves by them).
 */
export async function startHttp(opts: {
  port: number;
  host?: string;
  health: () => Promise<HealthReport>;
  metrics: () => string | Promise<string>;
  routes?: HttpRoute[];
  redact?: (text: string) => string;
}): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const host = opts.host ?? '127.0.0.1';
  const redact = opts.redact ?? ((s: string) => s);
  const server = createServer(async (req, res) => {
    try {
      for (const route of opts.routes ?? []) if (await route(req, res)) return;
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/healthz') {
        const h = await opts.health();
        res.writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(redact(JSON.stringify(h)));
        return;
      }
      if (path === '/metrics') {
        const text = redact(await opts.metrics());
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(text);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new HttpListenError(host, opts.port, err)));
    server.listen(opts.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

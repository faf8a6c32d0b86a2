import { createHash } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CliIo } from './output.js';

/**
 * The service's local endpoint for the operator CLI on the embedded database (PGlite is one process
 * only): the CLI sends its command line over a Unix socket in DATA_DIR (a named pipe on Windows), the
 * service runs it on its own open database and streams stdout, stderr and the exit code back.
 * Only the owner of DATA_DIR can connect (the socket is mode 0600).
 *
 * Protocol, one JSON value a line: the CLI sends `{"argv", "env", "cwd"}`; the service answers with
 * `{"out": text}`, `{"err": text}` lines and a last `{"exit": code}`.
 */

/** The socket of the service using this data directory (a short one under tmpdir when the path is too long). */
export function endpointPath(dataDir: string): string {
  const dir = path.resolve(dataDir);
  const hash = createHash('sha256').update(dir).digest('hex').slice(0, 16);
  if (process.platform === 'win32') return `\\\\?\\pipe\\yishi-${hash}`;
  const inDir = path.join(dir, 'yishi.sock');
  return inDir.length < 100 ? inDir : path.join(tmpdir(), `yishi-${hash}.sock`);
}

/** The variables the CLI passes on: what changes how a command reads or prints, never secrets. */
const PASSED_ENV = ['DEFAULT_TIMEZONE', 'DATA_DIR', 'LOG_LEVEL'];

export type RunCommand = (argv: string[], io: CliIo) => Promise<number>;

/** Serves the CLI on the socket of `dataDir` (the caller holds the data directory lock, so an old socket file is stale). */
export async function serveLocalEndpoint(dataDir: string, run: RunCommand): Promise<{ close(): Promise<void> }> {
  const file = endpointPath(dataDir);
  if (process.platform !== 'win32') rmSync(file, { force: true });
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = '';
    socket.on('data', function onData(chunk) {
      buffered += chunk;
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      socket.off('data', onData);
      const send = (v: unknown) => socket.writable && socket.write(`${JSON.stringify(v)}\n`);
      let request: { argv: string[]; env: Record<string, string>; cwd?: string };
      try {
        request = JSON.parse(buffered.slice(0, nl));
        if (!Array.isArray(request.argv) || !request.argv.every((a) => typeof a === 'string')) throw new Error('bad request');
      } catch {
        socket.end(`${JSON.stringify({ err: 'bad request\n' })}\n${JSON.stringify({ exit: 2 })}\n`);
        return;
      }
      const env: Record<string, string> = {};
      for (const k of PASSED_ENV) if (typeof request.env?.[k] === 'string') env[k] = request.env[k]!;
      const io: CliIo = {
        stdout: { write: (text: string) => send({ out: text }) },
        stderr: { write: (text: string) => send({ err: text }) },
        env,
        cwd: typeof request.cwd === 'string' ? request.cwd : undefined,
      };
      run(request.argv, io).then(
        (code) => socket.end(`${JSON.stringify({ exit: code })}\n`),
        () => socket.end(`${JSON.stringify({ err: 'the command failed in the service\n' })}\n${JSON.stringify({ exit: 1 })}\n`),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(file, () => resolve());
  });
  if (process.platform !== 'win32') chmodSync(file, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Runs the command in the service using `dataDir`, if one is listening: resolves to its exit code, or
 * to null when no service answers (then the CLI opens the data directory itself).
 */
export function runInService(dataDir: string, argv: string[], io: CliIo): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect(endpointPath(dataDir));
    let connected = false;
    let buffered = '';
    let exit: number | null = null;
    socket.on('connect', () => {
      connected = true;
      const env: Record<string, string> = {};
      for (const k of PASSED_ENV) if (io.env[k] !== undefined) env[k] = io.env[k]!;
      socket.write(`${JSON.stringify({ argv, env, cwd: io.cwd ?? process.cwd() })}\n`);
    });
    socket.on('data', (chunk) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const msg = JSON.parse(buffered.slice(0, nl)) as { out?: string; err?: string; exit?: number };
        buffered = buffered.slice(nl + 1);
        if (msg.out !== undefined) io.stdout.write(msg.out);
        if (msg.err !== undefined) io.stderr.write(msg.err);
        if (msg.exit !== undefined) exit = msg.exit;
      }
    });
    socket.on('error', () => {
      if (!connected) resolve(null);
    });
    socket.on('close', () => {
      if (!connected) return resolve(null);
      if (exit === null) io.stderr.write('The service closed the connection before the command finished; check its log.\n');
      resolve(exit ?? 1);
    });
  });
}

/**
 * The virtual SBI's listener: 127.0.0.1 only, on the first free port of the range (sbi.md §1.1),
 * routing the SBI verbs (and MockMDS's GET/POST / discovery) to their handlers, with CORS for
 * browser clients such as the CTK UI (§1.3). Unknown verbs or paths get MockMDS's 405 + "500
 * Invalid URL"; an oversized body gets 413 with error 520 in the verb's own answer shape.
 */
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { admin } from './admin.ts';
import { capture } from './capture.ts';
import { captureError, sbiError } from './codes.ts';
import type { SbiDeviceErrorCode } from './codes.ts';
import type { SbiContext } from './context.ts';
import type { VirtualSbiControl } from './control.ts';
import { deviceInfo } from './device-info.ts';
import { discover, discoveryError } from './discovery.ts';
import { readRequest, sendResponse } from './http-wire.ts';
import type { WireRequest } from './http-wire.ts';
import { stream } from './stream.ts';

export const DEFAULT_PORT_RANGE: [number, number] = [4501, 4600];
const MAX_BODY_BYTES = 64 * 1024;
const REQUEST_READ_TIMEOUT_MS = 10_000;
const MAX_CONNECTIONS = 64;
const SBI_METHODS = 'OPTIONS, RCAPTURE, CAPTURE, MOSIPDINFO, MOSIPDISC, SBIINFO, SBIDISC, STREAM, GET, POST';

const corsHeaders = (ctx: SbiContext): Record<string, string> => ({
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Allow-Methods': SBI_METHODS,
  'Cache-Control': 'no-store',
  Location: `http://127.0.0.1:${ctx.port}`,
});

type Route = 'discover' | 'info' | 'capture' | 'stream' | 'admin' | null;

function route(method: string, rawPath: string): Route {
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  if (path.startsWith('/admin/') && (method === 'GET' || method === 'POST')) return 'admin';
  if ((method === 'MOSIPDISC' || method === 'SBIDISC') && path === '/device') return 'discover';
  if ((method === 'GET' || method === 'POST') && path === '/') return 'discover';
  if ((method === 'MOSIPDINFO' || method === 'SBIINFO') && path === '/info') return 'info';
  if ((method === 'CAPTURE' || method === 'RCAPTURE') && path === '/capture') return 'capture';
  if (method === 'STREAM' && path === '/stream') return 'stream';
  return null;
}

/** The verb's own error shape, for refusals that happen before its handler runs. */
function errorBody(r: Route, code: SbiDeviceErrorCode, detail?: string): object {
  if (r === 'discover') return discoveryError(code, detail);
  if (r === 'capture') return captureError(code, detail);
  if (r === 'stream') return { error: sbiError(code, detail) };
  return [{ error: sbiError(code, detail) }];
}

/** Connections wait for `ready` (the device keys being issued) before their request is read. */
export function createSbiServer(
  ctx: SbiContext,
  control: VirtualSbiControl,
  ready: Promise<void>,
): { server: Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setNoDelay(true);
    ready
      .then(() => handle(ctx, control, socket))
      .catch(() => {
        // A handler bug must not take the device down: answer a generic failure and close.
        sendResponse(
          socket,
          200,
          { ...corsHeaders(ctx), 'Content-Type': 'application/json' },
          JSON.stringify([{ error: sbiError('102', 'internal error') }]),
        );
      });
  });
  server.maxConnections = MAX_CONNECTIONS;
  return { server, sockets };
}

async function handle(ctx: SbiContext, control: VirtualSbiControl, socket: Socket): Promise<void> {
  const read = await readRequest(socket, MAX_BODY_BYTES, REQUEST_READ_TIMEOUT_MS);
  const cors = corsHeaders(ctx);
  const json = (status: number, body: unknown, headers: Record<string, string> = cors) =>
    sendResponse(socket, status, { ...headers, 'Content-Type': 'application/json' }, JSON.stringify(body));
  if (!read.ok) {
    const r = read.method && read.path ? route(read.method, read.path) : null;
    if (read.status === 413) return json(413, errorBody(r, '520'));
    return json(read.status, errorBody(r, r ? '123' : '500', read.reason));
  }
  const req: WireRequest = read.request;
  if (req.method === 'OPTIONS') {
    // Preflight. The admin API is not for browsers: no CORS grant there.
    if (req.path.startsWith('/admin')) return sendResponse(socket, 403, { 'Cache-Control': 'no-store' });
    return sendResponse(socket, 200, cors);
  }
  const r = route(req.method, req.path);
  switch (r) {
    case 'discover':
      return json(200, discover(ctx, req.method === 'GET' ? Buffer.alloc(0) : req.body));
    case 'info':
      return json(200, deviceInfo(ctx, req.body));
    case 'capture': {
      // Watch the connection while the sensor waits: a client that leaves frees the device.
      const gone = new AbortController();
      socket.once('close', () => gone.abort());
      socket.resume();
      return json(200, await capture(ctx, req.method === 'CAPTURE' ? 'CAPTURE' : 'RCAPTURE', req.body, gone.signal));
    }
    case 'stream':
      return stream(ctx, socket, req.body, cors);
    case 'admin': {
      const answer = await admin(ctx, control, req);
      return json(answer.status, answer.body, { 'Cache-Control': 'no-store' });
    }
    default:
      return json(405, [{ error: sbiError('500') }]);
  }
}

/** Binds 127.0.0.1 on the first port of [from, to] that is free. */
export async function listenInRange(server: Server, [from, to]: [number, number]): Promise<number> {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > 65535 || from > to)
    throw new RangeError(`bad port range ${from}–${to}`);
  for (let port = from; port <= to; port++) {
    const bound = await new Promise<boolean>((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (e.code === 'EADDRINUSE' || e.code === 'EACCES') resolve(false);
        else reject(e);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve(true);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen({ port, host: '127.0.0.1', exclusive: true });
    });
    if (bound) return port;
  }
  throw new Error(`no free port on 127.0.0.1 in ${from}–${to}`);
}

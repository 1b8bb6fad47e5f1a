import { createServer as createHttp } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { contract, isMethodName } from '../../main/contract/index.ts';
import type { Core } from '../../main/core/index.ts';

const DEFAULT_MAX = 1024 * 1024;

/**
 * A test fixture, not the product's server host: the contract over loopback HTTP the way the
 * server host serves it (`POST /api/call/<method>` with `{"input": …}` and a Bearer session,
 * `{ok, result|error}` back; events on `/api/events`), so the desk's HTTP transport is tested
 * against real sockets before the server host lands.
 */
export interface CoreServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization ?? '';
  return h.startsWith('Bearer ') ? h.slice(7) : null;
}

export async function serveCore(core: Core, opts: { tls?: { key: string; cert: string }; port?: number } = {}): Promise<CoreServer> {
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const m = /^\/api\/call\/([A-Za-z.]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return send(res, 404, { ok: false, error: { code: 'PD_RPC_003', message: 'not found' } });
    const method = m[1]!;
    const limit = isMethodName(method) ? (contract[method].maxBytes ?? DEFAULT_MAX) : DEFAULT_MAX;
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit && !refused) {
        refused = true;
        send(res, 413, { ok: false, error: { code: 'PD_RPC_002', message: `The request is larger than ${limit} bytes.` } });
        req.resume();
      } else if (!refused) chunks.push(c);
    });
    req.on('end', () => {
      if (refused) return;
      let body: { input?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input?: unknown };
      } catch {
        return send(res, 400, { ok: false, error: { code: 'PD_RPC_001', message: 'malformed JSON' } });
      }
      void core.dispatch(method, bearer(req), body.input).then((r) => send(res, 200, r));
    });
  };
  const server = opts.tls ? createHttps({ key: opts.tls.key, cert: opts.tls.cert }, handler) : createHttp(handler);
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const token = bearer(req);
    void core.dispatch('session.me', token, {}).then((me) => {
      if (req.url !== '/api/events' || !me.ok) return void socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
    });
  });
  const off = core.onEvent((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const c of wss.clients) if (c.readyState === c.OPEN) c.send(text);
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    server,
    async close() {
      off();
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

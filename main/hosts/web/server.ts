import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { isMethodName } from '../../contract/index.ts';
import type { Core } from '../../core/index.ts';
import { readStatic } from '../shared/static.ts';
import { ANSWERED, fail, pageCsp, readCallInput, sendJson } from '../shared/http.ts';

const COOKIE = 'pd_launch';
const SESSION_HEADER = 'x-partner-desk-session';
/** Scripts (CLI, tests) may present the launch token in this header instead of the cookie. */
export const LAUNCH_HEADER = 'x-partner-desk-launch';

export interface WebHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface WebHostOptions {
  port: number;
  rendererDir: string;
  openCore: (origin: string, launchUrl: string) => Core;
  token?: string;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/**
 * The browser host: the same core and contract over HTTP + WebSocket on 127.0.0.1 only.
 * Other local processes cannot drive it without the per-launch token; other web pages cannot
 * either (Host and Origin checks against DNS rebinding and CSRF, SameSite=Strict cookie).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let core: Core | null = null;
  let origin = '';
  let allowedHosts = new Set<string>();

  const csp = () => pageCsp(`ws://${new URL(origin).host}`);

  const authorized = (req: IncomingMessage) => sameToken(cookieValue(req, COOKIE) ?? (req.headers[LAUNCH_HEADER] as string | undefined), token);
  const hostOk = (req: IncomingMessage) => allowedHosts.has(req.headers.host ?? '');
  const originOk = (req: IncomingMessage) => req.headers.origin === undefined || req.headers.origin === origin;

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return fail(res, 405, { code: 'PD_RPC_001', message: 'Use POST.' });
    if (!authorized(req)) return fail(res, 401, { code: 'PD_RPC_004', message: 'Missing or wrong launch token: open the address printed at start-up.' });
    if (!originOk(req)) return fail(res, 403, { code: 'PD_RPC_005', message: 'Requests from other origins are refused.' });
    if (!isMethodName(name)) return fail(res, 404, { code: 'PD_RPC_003', message: `Unknown method "${name.slice(0, 64)}".` });
    const input = await readCallInput(req, res, name);
    if (input === ANSWERED) return;
    const session = req.headers[SESSION_HEADER];
    const result = await core!.dispatch(name, typeof session === 'string' && session.length <= 512 ? session : null, input);
    sendJson(res, 200, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostOk(req)) return fail(res, 403, { code: 'PD_RPC_005', message: 'Unexpected Host header.' });
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/call/')) return handleCall(req, res, url.pathname.slice('/api/call/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, { code: 'PD_RPC_001', message: 'Method not allowed.' });
    const launch = url.searchParams.get('launch');
    if (launch !== null) {
      if (!sameToken(launch, token)) return fail(res, 401, { code: 'PD_RPC_004', message: 'Wrong launch token.' });
      // Move the token from the URL into an HttpOnly cookie and drop it from the address bar.
      res.writeHead(302, { location: '/', 'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`, 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
      return void res.end();
    }
    const isPage = url.pathname === '/' || url.pathname === '/index.html';
    if (isPage && !authorized(req)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Partner Desk: open the address printed by `npm run web` (it carries this launch\'s token).\n');
    }
    const file = await readStatic(options.rendererDir, isPage ? '/index.html' : url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Not found\n');
    }
    const headers: Record<string, string> = { 'content-type': file.type, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
    if (isPage) Object.assign(headers, { 'content-security-policy': csp(), 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      console.error('[web] request failed', err);
      if (!res.headersSent) fail(res, 500, { code: 'PD_INTERNAL', message: 'Internal error.' });
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/api/events' || !hostOk(req) || !authorized(req) || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', () => ws.close(1003, 'events are one-way'));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const launchUrl = `${origin}/?launch=${token}`;
  core = options.openCore(origin, launchUrl);
  const unsubscribe = core.onEvent((event, payload) => {
    const message = JSON.stringify({ event, payload });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(message);
  });

  return {
    url: launchUrl,
    origin,
    port,
    token,
    async close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      core?.close();
    },
  };
}

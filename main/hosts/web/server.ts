import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { isMethodName } from '../../contract/index.ts';
import type { Core } from '../../core/index.ts';
import { readStatic } from '../shared/static.ts';
import { ANSWERED, fail, pageCsp, readCallInput, sendJson } from '../shared/http.ts';
import { serviceCertificate } from '../../core/id-service/keys.ts';
import { createIdService } from '../../core/id-service/service.ts';
import type { IdService } from '../../core/id-service/service.ts';
import { serveIdAuthentication } from '../shared/id-service-http.ts';

const SESSION_HEADER = 'x-partner-desk-session';
/**
 * The launch token travels only in this header (calls) and as a WebSocket subprotocol
 * `launch.<token>` (events) — never in a cookie, which the browser would also send to every other
 * port on 127.0.0.1, SBI services included. The page reads it from the URL fragment, which no
 * request carries.
 */
export const LAUNCH_HEADER = 'x-partner-desk-launch';
export const EVENTS_PROTOCOL = 'partner-desk';
const LAUNCH_PROTOCOL_PREFIX = 'launch.';
/**
 * Reachable without the launch token: what the page needs to start, and the reset of a password
 * with a mailed single-use token (the link in the mail carries no launch token, by design).
 */
const WITHOUT_LAUNCH_TOKEN: ReadonlySet<string> = new Set(['system.info', 'auth.resetPassword']);
/** Half-open requests are dropped on this beat (Node checks header/request timeouts periodically). */
const CONNECTION_CHECK_MS = 500;

/** Close code of an event channel whose session is missing, refused or ended; the client signs in again. */
export const EVENTS_SESSION_ENDED = 4401;
/** How long a new event socket may take to name its session. */
const HELLO_TIMEOUT_MS = 10_000;

/** The session token of an event socket's first message, `{"session": "…"}`, or null. */
function sessionOf(text: string): string | null {
  try {
    const hello = JSON.parse(text) as unknown;
    if (typeof hello !== 'object' || hello === null) return null;
    const session = (hello as { session?: unknown }).session;
    return typeof session === 'string' && session.length > 0 && session.length <= 512 ? session : null;
  } catch {
    return null;
  }
}

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
  /** Opens the core; `publicUrl` (links in mails) is the bare origin, without the launch token. */
  openCore: (publicUrl: string) => Core;
  token?: string;
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The launch token of a call (header) or an event-channel upgrade (subprotocol). */
function launchTokenOf(req: IncomingMessage): string | undefined {
  const header = req.headers[LAUNCH_HEADER];
  if (typeof header === 'string') return header;
  for (const p of (req.headers['sec-websocket-protocol'] ?? '').split(',')) {
    const protocol = p.trim();
    if (protocol.startsWith(LAUNCH_PROTOCOL_PREFIX)) return protocol.slice(LAUNCH_PROTOCOL_PREFIX.length);
  }
  return undefined;
}

/**
 * The browser host: the same core and contract over HTTP + WebSocket on 127.0.0.1 only.
 * Other local processes cannot drive it without the per-launch token; other web pages cannot
 * either (Host and Origin checks against DNS rebinding and CSRF; the token is never a cookie).
 * Connections are capped and must send their headers quickly (config `web`).
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  let core: Core | null = null;
  let idService: IdService | null = null;
  let origin = '';
  let allowedHosts = new Set<string>();

  const csp = () => pageCsp(`ws://${new URL(origin).host}`);

  const authorized = (req: IncomingMessage) => sameToken(launchTokenOf(req), token);
  const hostOk = (req: IncomingMessage) => allowedHosts.has(req.headers.host ?? '');
  const originOk = (req: IncomingMessage) => req.headers.origin === undefined || req.headers.origin === origin;

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return fail(res, 405, { code: 'PD_RPC_001', message: 'Use POST.' });
    if (!authorized(req) && !WITHOUT_LAUNCH_TOKEN.has(name))
      return fail(res, 401, {
        code: 'PD_RPC_004',
        message: 'Missing or wrong launch token: open the address printed at start-up.',
      });
    if (!originOk(req))
      return fail(res, 403, {
        code: 'PD_RPC_005',
        message: 'Requests from other origins are refused.',
      });
    if (!isMethodName(name))
      return fail(res, 404, {
        code: 'PD_RPC_003',
        message: `Unknown method "${name.slice(0, 64)}".`,
      });
    const input = await readCallInput(req, res, name);
    if (input === ANSWERED) return;
    const session = req.headers[SESSION_HEADER];
    const result = await core!.dispatch(
      name,
      typeof session === 'string' && session.length <= 512 ? session : null,
      input,
    );
    sendJson(res, 200, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostOk(req)) return fail(res, 403, { code: 'PD_RPC_005', message: 'Unexpected Host header.' });
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/call/')) return handleCall(req, res, url.pathname.slice('/api/call/'.length));
    // A desk serves an ID authentication service only when its database holds one (the demo's).
    if (
      url.pathname.startsWith('/idauthentication/') &&
      originOk(req) &&
      serviceCertificate(core!.db.reader, 'PARTNER')
    ) {
      idService ??= createIdService(core!.env);
      if (await serveIdAuthentication(idService, req, res, url.pathname, () => undefined)) return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return fail(res, 405, { code: 'PD_RPC_001', message: 'Method not allowed.' });
    // The page holds no data: it is served to anyone who reaches the host, and asks for the
    // launch token (from the URL fragment) before anything but the reset route works.
    const isPage = url.pathname === '/' || url.pathname === '/index.html';
    const file = await readStatic(options.rendererDir, isPage ? '/index.html' : url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Not found\n');
    }
    const headers: Record<string, string> = {
      'content-type': file.type,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (isPage)
      Object.assign(headers, {
        'content-security-policy': csp(),
        'cache-control': 'no-store',
        'x-frame-options': 'DENY',
      });
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const server = createServer({ connectionsCheckingInterval: CONNECTION_CHECK_MS }, (req, res) => {
    handle(req, res).catch((err) => {
      console.error('[web] request failed', err);
      if (!res.headersSent) fail(res, 500, { code: 'PD_INTERNAL', message: 'Internal error.' });
      else res.destroy();
    });
  });
  // The browser offers [partner-desk, launch.<token>]; only the first is echoed back.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 4096,
    handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path !== '/api/events' || !hostOk(req) || !authorized(req) || req.headers.origin !== origin) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => listenAs(ws));
  });

  /**
   * The event channel belongs to one signed-in session: the first message must be
   * `{"session": "<token>"}` (a browser cannot set headers on a WebSocket). The core delivers only
   * what that session may hear and ends the channel when the session ends (close code 4401).
   */
  function listenAs(ws: WebSocket): void {
    let unsubscribe: (() => void) | null = null;
    const refuse = (code: number, reason: string) => {
      unsubscribe?.();
      unsubscribe = null;
      ws.close(code, reason);
    };
    const hello = setTimeout(() => refuse(EVENTS_SESSION_ENDED, 'PD_AUTH_003'), HELLO_TIMEOUT_MS);
    ws.on('message', (data, isBinary) => {
      if (unsubscribe) return refuse(1003, 'events are one-way');
      clearTimeout(hello);
      const session = isBinary ? null : sessionOf(String(data));
      if (!session) return refuse(EVENTS_SESSION_ENDED, 'PD_AUTH_003');
      unsubscribe = core!.subscribe(
        session,
        (e) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(e));
        },
        (code) => refuse(EVENTS_SESSION_ENDED, code),
      );
    });
    ws.on('close', () => {
      clearTimeout(hello);
      unsubscribe?.();
      unsubscribe = null;
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  // The token rides in the fragment: browsers never send it, log it or put it in a Referer.
  const launchUrl = `${origin}/#launch=${token}`;
  core = options.openCore(`${origin}/`);
  const limits = core.deps.config.web;
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutSeconds * 1000;
  server.requestTimeout = limits.requestTimeoutSeconds * 1000;
  server.keepAliveTimeout = Math.min(5000, server.headersTimeout);

  return {
    url: launchUrl,
    origin,
    port,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      // close() waits for every open connection; a browser's keep-alive ones would hold it for good.
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      core?.close();
    },
  };
}

import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { isMethodName } from '../../contract/index.ts';
import type { ErrorBody, MethodName } from '../../contract/index.ts';
import { hardwareMethods } from '../../contract/methods/hardware.ts';
import type { Core } from '../../core/index.ts';
import { ANSWERED, fail, pageCsp, readCallInput, sendJson } from '../shared/http.ts';
import { readStatic } from '../shared/static.ts';
import { createEventHub } from './events.ts';
import type { JsonLog, LogFields } from './log.ts';
import { RateLimiter } from './rate-limit.ts';
import { serveUpdates } from './updates.ts';
import { createIdService } from '../../core/id-service/service.ts';
import { redactIdaPath, serveIdAuthentication } from '../shared/id-service-http.ts';

export interface ServerHostOptions {
  /** The host owns the core from here on: close() closes it after the last request. */
  core: Core;
  port: number;
  /** Address to listen on; plain HTTP (tls: null) is refused anywhere but loopback. */
  bind: string;
  tls: { cert: string; key: string } | null;
  /** Names clients use to reach the server (Host and Origin are checked against them). */
  hostNames: readonly string[];
  rendererDir: string;
  log: JsonLog;
  /** The rate limiter's clock (tests move it past a window instead of waiting). */
  now?: () => number;
}

export interface ServerHost {
  origin: string;
  port: number;
  /** Requests being answered right now. */
  readonly inFlight: number;
  /** Graceful stop: refuse new connections, finish requests in flight, then close the database. */
  close(): Promise<void>;
}

/** The page tells the renderer it is served by the server (bearer sessions, no launch token). */
const ONLINE_MARK = '<meta name="partner-desk-host" content="server">';
/** A desk reaches its own devices; through the server they would be the server machine's. */
const HARDWARE = new Set<string>(Object.keys(hardwareMethods));
const MAX_TOKEN = 512;

export function isLoopback(address: string): boolean {
  return address === '::1' || address === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(address);
}

/** An error answer whose code also goes into the request's log line. */
function refuse(
  meta: LogFields,
  res: ServerResponse,
  status: number,
  error: ErrorBody,
  headers: Record<string, string> = {},
): void {
  meta.code = error.code;
  fail(res, status, error, headers);
}

const clientIp = (req: IncomingMessage) => (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');

function bearer(req: IncomingMessage): string | null {
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.headers.authorization ?? '');
  return match && match[1]!.length <= MAX_TOKEN ? match[1]! : null;
}

/** `name:port` (and bare `name` on the scheme's default port), IPv6 in brackets, lower case. */
function hostForms(names: readonly string[], port: number, defaultPort: number): string[] {
  return names.flatMap((n) => {
    const h = isIP(n) === 6 ? `[${n}]` : n.toLowerCase();
    return port === defaultPort ? [h, `${h}:${port}`] : [`${h}:${port}`];
  });
}

/**
 * The server host: the same core and contract for many users on a network. TLS unless bound to
 * loopback; sessions only as `Authorization: Bearer` (no launch token, no cookies, so no ambient
 * credential for CSRF to ride on); the web host's Host/Origin/CSP/body-size checks; rate limits on
 * the public account calls; events over `/api/events` to signed-in sessions only.
 */
export async function startServerHost(options: ServerHostOptions): Promise<ServerHost> {
  const { core, log } = options;
  if (!options.tls && !isLoopback(options.bind))
    throw new Error(`plain HTTP is only served on loopback; ${options.bind} needs TLS`);
  const settings = core.deps.config.server;
  const limiter = new RateLimiter(settings.rateLimits, options.now ?? Date.now);
  const hub = createEventHub(core);
  // The ID authentication service (docs/id-service.md) answers under /idauthentication/v1.
  const idService = createIdService(core.env);
  const scheme = options.tls ? 'https' : 'http';
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();
  let draining = false;
  let inFlight = 0;
  let drained: (() => void) | null = null;

  const hostOk = (req: IncomingMessage) => allowedHosts.has((req.headers.host ?? '').toLowerCase());
  // Scripts and desks send no Origin; a browser always does on cross-origin requests.
  const originOk = (req: IncomingMessage) => req.headers.origin === undefined || allowedOrigins.has(req.headers.origin);
  const security: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  if (options.tls) security['strict-transport-security'] = 'max-age=31536000';

  async function handleCall(req: IncomingMessage, res: ServerResponse, name: string, meta: LogFields): Promise<void> {
    if (req.method !== 'POST') return refuse(meta, res, 405, { code: 'PD_RPC_001', message: 'Use POST.' });
    if (!originOk(req))
      return refuse(meta, res, 403, {
        code: 'PD_RPC_005',
        message: 'Requests from other origins are refused.',
      });
    if (!isMethodName(name))
      return refuse(meta, res, 404, {
        code: 'PD_RPC_003',
        message: `Unknown method "${name.slice(0, 64)}".`,
      });
    meta.call = name;
    if (HARDWARE.has(name))
      return refuse(meta, res, 403, {
        code: 'PD_RPC_005',
        message: 'Devices are reached from a desk, not through the server.',
      });
    const input = await readCallInput(req, res, name);
    if (input === ANSWERED) return;
    const wait = limiter.check(name as MethodName, clientIp(req), input);
    if (wait > 0) {
      return refuse(
        meta,
        res,
        429,
        { code: 'PD_RPC_007', message: `Too many attempts; try again in ${wait} s.` },
        { 'retry-after': String(wait) },
      );
    }
    const result = await core.dispatch(name, bearer(req), input);
    if (!result.ok) meta.code = result.error.code;
    sendJson(res, 200, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse, meta: LogFields): Promise<void> {
    for (const [k, v] of Object.entries(security)) res.setHeader(k, v);
    const path = (req.url ?? '/').split('?')[0]!;
    // Liveness and readiness answer any Host: load balancers probe by address.
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz')
      return sendJson(res, draining ? 503 : 200, {
        status: draining ? 'draining' : ready() ? 'ready' : 'unavailable',
      });
    if (draining) {
      res.setHeader('connection', 'close');
      return refuse(
        meta,
        res,
        503,
        { code: 'PD_RPC_008', message: 'The server is shutting down; try again in a moment.' },
        { 'retry-after': '5' },
      );
    }
    if (!hostOk(req)) return refuse(meta, res, 403, { code: 'PD_RPC_005', message: 'Unexpected Host header.' });
    if (path.startsWith('/api/call/')) return handleCall(req, res, path.slice('/api/call/'.length), meta);
    if (!originOk(req) && path.startsWith('/idauthentication/'))
      return refuse(meta, res, 403, {
        code: 'PD_RPC_005',
        message: 'Requests from other origins are refused.',
      });
    if (await serveIdAuthentication(idService, req, res, path, (code) => (meta.code = code))) return;
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(meta, res, 405, { code: 'PD_RPC_001', message: 'Method not allowed.' });
    if (await serveUpdates(core, req, res, path)) return;
    const isPage = path === '/' || path === '/index.html';
    const file = await readStatic(options.rendererDir, isPage ? '/index.html' : path);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('Not found\n');
    }
    let body = file.body;
    const headers: Record<string, string> = { 'content-type': file.type };
    if (isPage) {
      const html = body.toString('utf8');
      body = Buffer.from(
        /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => m + ONLINE_MARK) : ONLINE_MARK + html,
      );
      Object.assign(headers, {
        'content-security-policy': pageCsp(`${options.tls ? 'wss' : 'ws'}://${req.headers.host}`),
        'cache-control': 'no-store',
        'x-frame-options': 'DENY',
      });
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function ready(): boolean {
    try {
      return core.db.reader.prepare('SELECT 1').pluck().get() === 1;
    } catch {
      return false;
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const meta: LogFields = {};
    inFlight += 1;
    res.on('close', () => {
      inFlight -= 1;
      const status = res.statusCode;
      const path = redactIdaPath((req.url ?? '/').split('?')[0]!).slice(0, 200);
      log(status >= 500 ? 'error' : 'info', 'request', {
        method: req.method,
        path,
        ...meta,
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ip: clientIp(req),
      });
      if (draining && inFlight === 0) drained?.();
    });
    handle(req, res, meta).catch((err: unknown) => {
      log('error', 'request failed', { error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) fail(res, 500, { code: 'PD_INTERNAL', message: 'Internal error.' });
      else res.destroy();
    });
  };
  const timeouts = { requestTimeout: 60_000, headersTimeout: 20_000 };
  const server: Server = options.tls
    ? createHttpsServer({ ...timeouts, cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }, onRequest)
    : createHttpServer(timeouts, onRequest);

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 4096,
    handleProtocols: (protocols) => hub.handleProtocols(protocols),
  });
  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0];
    const ip = clientIp(req);
    if (draining || path !== '/api/events' || !hostOk(req) || !originOk(req) || !hub.admits(ip)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => hub.accept(ws, req, ip));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bind, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const names = options.tls ? options.hostNames : [...new Set([...options.hostNames, '127.0.0.1', 'localhost'])];
  const forms = hostForms(names, port, options.tls ? 443 : 80);
  allowedHosts = new Set(forms);
  allowedOrigins = new Set(forms.map((h) => `${scheme}://${h}`));
  const first = names[0] ?? 'localhost';
  const origin = `${scheme}://${isIP(first) === 6 ? `[${first}]` : first}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    origin,
    port,
    get inFlight() {
      return inFlight;
    },
    close() {
      closing ??= (async () => {
        draining = true;
        const allAnswered = new Promise<void>((resolve) => {
          drained = resolve;
          if (inFlight === 0) resolve();
        });
        // Stops accepting; connections idle between requests are closed now, busy ones after their answer.
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        hub.close(1001, 'server shutting down');
        wss.close();
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<'timeout'>(
          (resolve) => (timer = setTimeout(() => resolve('timeout'), settings.shutdownGraceSeconds * 1000)),
        );
        if ((await Promise.race([allAnswered, grace])) === 'timeout')
          log('warn', 'shutdown grace period over; closing the remaining connections', {
            inFlight,
          });
        clearTimeout(timer);
        server.closeAllConnections();
        await stopped;
        core.close();
        log('info', 'stopped', {});
      })();
      return closing;
    },
  };
}

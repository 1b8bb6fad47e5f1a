import { request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { AppError } from '../contract/index.ts';
import type { CallResult, Input, MethodName } from '../contract/index.ts';
import type { ServerTarget, SyncTransport } from './transport.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);
const MAX_ANSWER = 64 * 1024 * 1024;

export function normalizeFingerprint(fp: string): string {
  return fp.replace(/[^0-9a-f]/gi, '').toLowerCase();
}

function unreachable(why: string): AppError {
  return new AppError('PD_SYNC_007', `The server could not be reached (${why}).`);
}

/**
 * The transport over the server host's HTTP API. TLS is pinned to the fingerprint the desk was
 * given: the socket is opened and checked before a single byte of the request (or the session
 * token) is written, so a server with another certificate never sees the token. Plain HTTP is
 * accepted only on loopback (tests and demos), as the server offers it only there.
 */
export class HttpSyncTransport implements SyncTransport {
  private readonly base: URL;
  private readonly pin: string | null;
  private readonly sockets = new Set<WebSocket>();
  /** Calls in flight, cut by close() so a closing desk does not wait for an answer it will not use. */
  private readonly requests = new Set<ClientRequest>();

  constructor(
    target: ServerTarget,
    private readonly timeoutMs = 30_000,
  ) {
    this.base = new URL(target.serverUrl);
    if (this.base.protocol === 'http:') {
      if (!LOOPBACK.has(this.base.hostname))
        throw new AppError('PD_SYNC_008', 'A server outside this machine must use https with a pinned fingerprint.');
      this.pin = null;
    } else if (this.base.protocol === 'https:') {
      if (!target.fingerprint || normalizeFingerprint(target.fingerprint).length !== 64)
        throw new AppError('PD_SYNC_008', 'The server fingerprint (SHA-256) is needed to join over https.');
      this.pin = normalizeFingerprint(target.fingerprint);
    } else {
      throw new AppError('PD_SYNC_007', 'The server address must start with https:// (or http:// on this machine).');
    }
  }

  /** A TLS socket whose certificate matched the pin, or an error; nothing is written before the check. */
  private pinnedSocket(): Promise<TLSSocket> {
    return new Promise((resolve, reject) => {
      const socket = tlsConnect({
        host: this.base.hostname,
        port: Number(this.base.port || 443),
        servername: LOOPBACK.has(this.base.hostname) ? undefined : this.base.hostname,
        rejectUnauthorized: false,
      });
      const fail = (err: Error) => {
        socket.destroy();
        reject(err instanceof AppError ? err : unreachable(err.message));
      };
      socket.setTimeout(this.timeoutMs, () => fail(new Error('timeout')));
      socket.once('error', fail);
      socket.once('secureConnect', () => {
        const seen = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
        if (seen !== this.pin)
          return fail(new AppError('PD_SYNC_008', "The server's certificate does not match the pinned fingerprint."));
        socket.setTimeout(0);
        socket.removeListener('error', fail);
        resolve(socket);
      });
    });
  }

  private async options(path: string, headers: Record<string, string>): Promise<RequestOptions> {
    const base: RequestOptions = {
      host: this.base.hostname,
      port: this.base.port || (this.pin ? 443 : 80),
      path,
      headers,
    };
    if (!this.pin) return { ...base, agent: false };
    const socket = await this.pinnedSocket();
    return { ...base, createConnection: () => socket as Duplex as never };
  }

  async call<M extends MethodName>(method: M, input: Input<M>, session: string | null): Promise<CallResult<M>> {
    const body = Buffer.from(JSON.stringify({ input }));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(body.length),
      accept: 'application/json',
    };
    if (session) headers.authorization = `Bearer ${session}`;
    const options = {
      ...(await this.options(`/api/call/${encodeURIComponent(method)}`, headers)),
      method: 'POST',
    };
    const answer = await new Promise<Buffer>((resolve, reject) => {
      const req: ClientRequest = (this.pin ? httpsRequest : httpRequest)(options, (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER) req.destroy(new Error('answer too large'));
          else chunks.push(c);
        });
        res.on('end', () =>
          res.complete ? resolve(Buffer.concat(chunks)) : reject(unreachable('the answer was cut')),
        );
        res.on('aborted', () => reject(unreachable('the answer was cut')));
        res.on('error', (err) => reject(unreachable(err.message)));
      });
      this.requests.add(req);
      req.on('close', () => this.requests.delete(req));
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error('timeout')));
      req.on('error', (err) => reject(err instanceof AppError ? err : unreachable(err.message)));
      req.end(body);
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.toString('utf8'));
    } catch {
      throw unreachable('the answer was not JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || typeof (parsed as { ok?: unknown }).ok !== 'boolean')
      throw unreachable('the answer had no verdict');
    const r = parsed as CallResult<M>;
    if (!r.ok && typeof r.error?.code !== 'string') throw unreachable('the answer had no error code');
    return r;
  }

  onPoke(session: string, listener: () => void): () => void {
    let stopped = false;
    let socket: WebSocket | null = null;
    let retry: NodeJS.Timeout | null = null;
    const open = async () => {
      if (stopped) return;
      try {
        const scheme = this.pin ? 'wss' : 'ws';
        const url = `${scheme}://${this.base.host}/api/events`;
        const pinned = this.pin ? await this.pinnedSocket() : null;
        if (stopped) return void pinned?.destroy();
        // The server host's event channel takes the bearer session as a subprotocol (docs/server.md).
        const ws = new WebSocket(url, ['partner-desk', `bearer.${session}`], {
          headers: { origin: this.base.origin },
          ...(pinned ? { createConnection: () => pinned as never } : {}),
        });
        socket = ws;
        this.sockets.add(ws);
        ws.on('message', (data) => {
          try {
            const m = JSON.parse(String(data)) as { event?: unknown };
            if (m.event === 'sync.poke') listener();
          } catch {
            /* not a poke */
          }
        });
        ws.on('open', () => listener()); // (re)connected: there may be news we missed
        ws.on('error', () => undefined);
        ws.on('close', () => {
          this.sockets.delete(ws);
          if (!stopped) retry = setTimeout(() => void open(), 2000);
        });
      } catch {
        if (!stopped) retry = setTimeout(() => void open(), 2000);
      }
    };
    void open();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      socket?.terminate();
    };
  }

  close(): void {
    for (const r of this.requests) r.destroy(new Error('the desk closed'));
    this.requests.clear();
    for (const s of this.sockets) s.terminate();
    this.sockets.clear();
  }
}

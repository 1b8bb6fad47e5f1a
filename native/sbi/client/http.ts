/**
 * A minimal HTTP/1.1 client for SBI's custom verbs on loopback. A device is untrusted: each
 * exchange has a connect timeout, a total deadline (an idle timeout alone is defeated by a device
 * that drips one byte at a time), an idle timeout, a byte cap and an AbortSignal, and every way it
 * can fail settles once with an SbiError. One connection per exchange (`Connection: close`, as the
 * specification's samples and MockMDS do).
 */
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import { SbiError } from '../../../lib/sbi/errors.ts';
import type { SbiErrorCode } from '../../../lib/sbi/errors.ts';

export interface SbiHttpLimits {
  /** Until the TCP connection is up. */
  connectTimeoutMs: number;
  /** From the start of the call until the answer is complete. */
  deadlineMs: number;
  /** Longest silence between two received chunks once connected. */
  idleTimeoutMs: number;
  /** Body cap in bytes (streams cap frames instead: pass Infinity here). */
  maxBytes: number;
}

export interface SbiHttpRequest extends SbiHttpLimits {
  host: string;
  port: number;
  method: string;
  path: string;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface SbiHttpHead {
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
}

export interface SbiHttpResponse extends SbiHttpHead {
  body: Buffer;
  elapsedMs: number;
}

/** What the exchange does with the answer; `head` and `data` may throw an SbiError to stop it. */
export interface SbiHttpSink<T> {
  head?(head: SbiHttpHead): void;
  data(chunk: Buffer): void;
  end(head: SbiHttpHead): T;
}

const MAX_HEADER_BYTES = 16 * 1024;
/** setTimeout fires at once for delays above 2^31 − 1 ms: clamp instead. */
const timerMs = (ms: number) => Math.max(1, Math.min(ms, 2_147_483_647));

function headOf(res: IncomingMessage): SbiHttpHead {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers };
}

function requestError(e: NodeJS.ErrnoException, where: string): SbiError {
  const code = e.code ?? '';
  if (code === 'HPE_HEADER_OVERFLOW')
    return new SbiError('SBI_TOO_LARGE', `${where}: response headers exceed ${MAX_HEADER_BYTES} bytes`, {
      reason: code,
    });
  if (code.startsWith('HPE_'))
    return new SbiError('SBI_MALFORMED', `${where}: not a valid HTTP response (${code})`, {
      reason: code,
    });
  const why =
    code === 'ECONNREFUSED'
      ? 'refused'
      : code === 'ECONNRESET' || code === 'EPIPE'
        ? 'closed without an answer'
        : code || 'failed';
  return new SbiError('SBI_CONNECT', `${where}: connection ${why}`, { reason: code || 'unknown' });
}

/** Runs one exchange, handing the answer to `sink`. Never throws synchronously; rejects only with SbiError. */
export function sbiExchange<T>(req: SbiHttpRequest, sink: SbiHttpSink<T>): Promise<T> {
  const where = `${req.method} ${req.host}:${req.port}${req.path}`;
  return new Promise<T>((resolve, reject) => {
    if (req.signal?.aborted) return reject(new SbiError('SBI_CANCELLED', `${where}: cancelled`));
    const body = req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body);
    let settled = false;
    let client: http.ClientRequest | null = null;
    const timers: NodeJS.Timeout[] = [];
    const onAbort = () => fail('SBI_CANCELLED', 'cancelled');
    const cleanup = () => {
      settled = true;
      for (const t of timers) clearTimeout(t);
      req.signal?.removeEventListener('abort', onAbort);
      client?.destroy();
    };
    const failWith = (e: unknown) => {
      if (settled) return;
      cleanup();
      reject(
        e instanceof SbiError
          ? e
          : new SbiError('SBI_MALFORMED', `${where}: ${e instanceof Error ? e.message : 'failed'}`),
      );
    };
    function fail(code: SbiErrorCode, why: string, detail?: Record<string, string | number>): void {
      failWith(new SbiError(code, `${where}: ${why}`, { port: req.port, ...detail }));
    }
    req.signal?.addEventListener('abort', onAbort, { once: true });
    timers.push(
      setTimeout(
        () =>
          fail('SBI_TIMEOUT', `no complete answer within ${req.deadlineMs} ms`, {
            reason: 'deadline',
          }),
        timerMs(req.deadlineMs),
      ),
    );
    const connectTimer = setTimeout(
      () =>
        fail('SBI_CONNECT', `no connection within ${req.connectTimeoutMs} ms`, {
          reason: 'connect-timeout',
        }),
      timerMs(req.connectTimeoutMs),
    );
    timers.push(connectTimer);

    try {
      client = http.request({
        host: req.host,
        port: req.port,
        method: req.method,
        path: req.path,
        agent: false,
        maxHeaderSize: MAX_HEADER_BYTES,
        // An explicit length keeps Node from chunking the body of a custom verb (MockMDS reads Content-Length).
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...req.headers,
          'Content-Length': String(body.length),
        },
      });
    } catch (e) {
      return fail('SBI_BAD_REQUEST', e instanceof Error ? e.message : 'invalid request');
    }
    client.on('error', (e: NodeJS.ErrnoException) => failWith(requestError(e, where)));
    client.on('socket', (socket) => {
      const connected = () => {
        clearTimeout(connectTimer);
        socket.setTimeout(timerMs(req.idleTimeoutMs), () =>
          fail('SBI_TIMEOUT', `silent for ${req.idleTimeoutMs} ms`, { reason: 'idle' }),
        );
      };
      if (socket.connecting) socket.once('connect', connected);
      else connected();
    });
    client.on('response', (res) => {
      const head = headOf(res);
      res.on('error', () => undefined); // reported through 'close' below
      try {
        const declared = head.headers['content-length'];
        if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > req.maxBytes) {
          return fail('SBI_TOO_LARGE', `answer of ${declared} bytes exceeds the cap of ${req.maxBytes}`, {
            reason: 'declared',
          });
        }
        sink.head?.(head);
      } catch (e) {
        return failWith(e);
      }
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        received += chunk.length;
        if (received > req.maxBytes)
          return fail('SBI_TOO_LARGE', `answer exceeds the cap of ${req.maxBytes} bytes`, {
            reason: 'received',
          });
        try {
          sink.data(chunk);
        } catch (e) {
          failWith(e);
        }
      });
      res.on('end', () => {
        if (settled) return;
        if (!res.complete) return fail('SBI_MALFORMED', 'the answer ended early', { reason: 'truncated' });
        try {
          const value = sink.end(head);
          cleanup();
          resolve(value);
        } catch (e) {
          failWith(e);
        }
      });
      res.on('close', () =>
        fail('SBI_MALFORMED', `the connection closed mid-answer after ${received} bytes`, {
          reason: 'truncated',
        }),
      );
    });
    client.end(body);
  });
}

/** Buffers the whole answer (JSON verbs). */
export async function sbiHttp(req: SbiHttpRequest): Promise<SbiHttpResponse> {
  const started = performance.now();
  const chunks: Buffer[] = [];
  return sbiExchange(req, {
    data: (c) => void chunks.push(c),
    end: (head) => ({
      ...head,
      body: Buffer.concat(chunks),
      elapsedMs: performance.now() - started,
    }),
  });
}

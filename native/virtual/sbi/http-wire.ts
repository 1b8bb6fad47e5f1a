/**
 * HTTP/1.1 over a raw socket, because SBI uses custom request methods (MOSIPDISC, RCAPTURE…)
 * that Node's http server refuses before any handler runs (llhttp: HPE_INVALID_METHOD). Like
 * MockMDS, one request per connection and `Connection: close` on every answer. Strict and small:
 * a request line, headers up to a cap, a body by Content-Length or chunked up to a cap.
 */
import type { Socket } from 'node:net';

export interface WireRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  headers: Map<string, string>;
  body: Buffer;
}

export type ReadResult =
  | { ok: true; request: WireRequest }
  | { ok: false; status: 400 | 408 | 413 | 431; reason: string; method?: string; path?: string };

const MAX_HEADER_BYTES = 16 * 1024;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Reads one request from the socket, or says why not; never throws, never waits past `timeoutMs`. */
export function readRequest(socket: Socket, maxBody: number, timeoutMs: number): Promise<ReadResult> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    let head: {
      method: string;
      path: string;
      headers: Map<string, string>;
      bodyStart: number;
    } | null = null;
    let done = false;
    const finish = (r: ReadResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('error', onEnd);
      socket.pause();
      resolve(r);
    };
    const fail = (status: 400 | 408 | 413 | 431, reason: string) =>
      finish({
        ok: false,
        status,
        reason,
        ...(head ? { method: head.method, path: head.path } : {}),
      });
    const timer = setTimeout(() => fail(408, 'request not complete in time'), timeoutMs);
    const onEnd = () => fail(400, 'connection closed before the request was complete');
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length > MAX_HEADER_BYTES + 2 * maxBody + 1024) return fail(413, 'request too large');
      if (!head) {
        const end = buf.indexOf('\r\n\r\n');
        if ((end < 0 ? buf.length : end) > MAX_HEADER_BYTES) return fail(431, 'request headers too large');
        if (end < 0) return;
        const parsed = parseHead(buf.subarray(0, end).toString('latin1'));
        if (typeof parsed === 'string') return fail(400, parsed);
        head = { ...parsed, bodyStart: end + 4 };
      }
      const body = buf.subarray(head.bodyStart);
      const te = head.headers.get('transfer-encoding');
      if (te !== undefined) {
        if (te.toLowerCase() !== 'chunked') return fail(400, 'unsupported transfer-encoding');
        const r = dechunk(body, maxBody);
        if (r === 'too-large') return fail(413, 'request body too large');
        if (r === 'bad') return fail(400, 'malformed chunked body');
        if (r)
          finish({
            ok: true,
            request: { method: head.method, path: head.path, headers: head.headers, body: r },
          });
        return;
      }
      const cl = head.headers.get('content-length') ?? '0';
      if (!/^\d{1,10}$/.test(cl)) return fail(400, 'bad content-length');
      const length = Number(cl);
      if (length > maxBody) return fail(413, 'request body too large');
      if (body.length >= length)
        finish({
          ok: true,
          request: {
            method: head.method,
            path: head.path,
            headers: head.headers,
            body: Buffer.from(body.subarray(0, length)),
          },
        });
    };
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('error', onEnd);
  });
}

function parseHead(text: string): { method: string; path: string; headers: Map<string, string> } | string {
  const lines = text.split('\r\n');
  const m = /^(\S+) (\S+) HTTP\/1\.[01]$/.exec(lines[0] ?? '');
  if (!m || !TOKEN.test(m[1]!)) return 'malformed request line';
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0 || !TOKEN.test(line.slice(0, i))) return 'malformed header line';
    const name = line.slice(0, i).toLowerCase();
    const value = line.slice(i + 1).trim();
    if ((name === 'content-length' || name === 'transfer-encoding') && headers.has(name)) return `duplicate ${name}`;
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  if (headers.has('content-length') && headers.has('transfer-encoding'))
    return 'both content-length and transfer-encoding';
  const target = m[2]!;
  const q = target.indexOf('?');
  return { method: m[1]!, path: q >= 0 ? target.slice(0, q) : target, headers };
}

/** A complete chunked body, null while incomplete. */
function dechunk(b: Buffer, maxBody: number): Buffer | null | 'too-large' | 'bad' {
  const parts: Buffer[] = [];
  let size = 0;
  let at = 0;
  for (;;) {
    const eol = b.indexOf('\r\n', at);
    if (eol < 0) return b.length - at > 64 ? 'bad' : null;
    const m = /^([0-9a-fA-F]{1,8})(;.*)?$/.exec(b.toString('latin1', at, eol));
    if (!m) return 'bad';
    const n = parseInt(m[1]!, 16);
    if (size + n > maxBody) return 'too-large';
    // The last chunk, optional trailers, then an empty line.
    if (n === 0) return b.indexOf('\r\n\r\n', eol) >= 0 ? Buffer.concat(parts) : b.length - eol > 1024 ? 'bad' : null;
    if (eol + 2 + n + 2 > b.length) return null;
    if (b.toString('latin1', eol + 2 + n, eol + 4 + n) !== '\r\n') return 'bad';
    parts.push(b.subarray(eol + 2, eol + 2 + n));
    size += n;
    at = eol + 4 + n;
  }
}

const REASONS: Record<number, string> = {
  200: 'OK',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
  503: 'Service Unavailable',
};

export function headLines(status: number, headers: Record<string, string>): string {
  const lines = [
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'OK'}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Writes a complete response and closes the connection. */
export function sendResponse(
  socket: Socket,
  status: number,
  headers: Record<string, string>,
  body: Buffer | string = '',
): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  if (socket.destroyed) return;
  socket.end(
    Buffer.concat([
      Buffer.from(
        headLines(status, {
          ...headers,
          'Content-Length': String(bytes.length),
          Connection: 'close',
        }),
        'latin1',
      ),
      bytes,
    ]),
  );
}

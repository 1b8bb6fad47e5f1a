/**
 * Loopback servers that behave like SBI services, well or badly, written on raw sockets so a test
 * controls every byte: JSON answers, raw bytes, silence, drip-feeding, early close.
 */
import net from 'node:net';

export interface SbiTestRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export type Behaviour =
  | { json: unknown; status?: number; reason?: string }
  | { raw: Buffer | string; keepOpen?: boolean }
  | { silent: true }
  | { drip: Buffer | string; everyMs: number }
  | { socket: (socket: net.Socket) => void };

export interface TestSbiServer {
  port: number;
  requests: SbiTestRequest[];
  close(): Promise<void>;
}

function parseRequest(buf: Buffer): SbiTestRequest | null {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const [line = '', ...lines] = buf.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  const length = Number(headers['content-length'] ?? '0');
  if (buf.length < end + 4 + length) return null;
  const [method = '', path = ''] = line.split(' ');
  return { method, path, headers, body: buf.subarray(end + 4, end + 4 + length).toString('utf8') };
}

export function jsonResponse(json: unknown, status = 200, reason = 'OK'): Buffer {
  const body = Buffer.from(JSON.stringify(json));
  return Buffer.concat([
    Buffer.from(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    ),
    body,
  ]);
}

/** Starts a server on `port` (0 = any free port); `handle` decides per request. */
export function startTestSbi(port: number, handle: (req: SbiTestRequest) => Behaviour): Promise<TestSbiServer> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const requests: SbiTestRequest[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    let handled = false;
    socket.on('data', (chunk) => {
      if (handled) return;
      buf = Buffer.concat([buf, chunk]);
      const req = parseRequest(buf);
      if (!req) return;
      handled = true;
      requests.push(req);
      const b = handle(req);
      if ('json' in b) socket.end(jsonResponse(b.json, b.status, b.reason));
      else if ('raw' in b) {
        if (b.keepOpen) socket.write(b.raw);
        else socket.end(b.raw);
      } else if ('drip' in b) {
        const bytes = Buffer.from(b.drip);
        let i = 0;
        const t = setInterval(() => {
          if (socket.destroyed || i >= bytes.length) {
            clearInterval(t);
            timers.delete(t);
            if (!socket.destroyed) socket.end();
            return;
          }
          socket.write(bytes.subarray(i, ++i));
        }, b.everyMs);
        timers.add(t);
      } else if ('socket' in b) b.socket(socket);
      // silent: never answer
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address ? address.port : port,
        requests,
        close: () =>
          new Promise<void>((done) => {
            for (const t of timers) clearInterval(t);
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

import { createServer, request } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'drop' | 'loseAnswer' | 'cut' | 'duplicate' | 'lateReplay' | 'delay' | 'refused';

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * An HTTP proxy between the desks and the server that misbehaves on purpose: drops requests,
 * loses answers after the server acted, cuts answers mid-body, duplicates requests, replays one
 * late (after the desk moved on: a reordered duplicate) and delays. Seeded, so a run repeats.
 */
export class FaultyProxy {
  faulty = true;
  readonly counts: Record<Fault | 'requests', number> = {
    requests: 0,
    drop: 0,
    loseAnswer: 0,
    cut: 0,
    duplicate: 0,
    lateReplay: 0,
    delay: 0,
    refused: 0,
  };
  private server: Server | null = null;
  private timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly target: () => number,
    private readonly random: () => number,
  ) {}

  private forward(method: string, path: string, headers: IncomingMessage['headers'], body: Buffer): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: this.target(), method, path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 502,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
      req.end(body);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const r = this.random;
    const faulty = this.faulty;
    if (faulty) this.counts.requests++;
    const x = faulty ? r() : 1;
    if (faulty && r() < 0.5) {
      this.counts.delay++;
      await new Promise((ok) => setTimeout(ok, Math.floor(r() * 120)));
    }
    if (x < 0.08) {
      this.counts.drop++;
      return void res.socket?.destroy();
    }
    const headers = { ...req.headers, host: `127.0.0.1:${this.target()}` };
    const once = () => this.forward(req.method ?? 'POST', req.url ?? '/', headers, body);
    if (x >= 0.08 && x < 0.16) {
      this.counts.duplicate++;
      void once().catch(() => undefined);
    }
    if (x >= 0.16 && x < 0.24) {
      this.counts.lateReplay++;
      const t = setTimeout(
        () => {
          this.timers.delete(t);
          void once().catch(() => undefined);
        },
        200 + Math.floor(r() * 1500),
      );
      this.timers.add(t);
    }
    let answer: Answer;
    try {
      answer = await once();
    } catch {
      this.counts.refused++;
      return void res.socket?.destroy();
    }
    if (x >= 0.24 && x < 0.34) {
      this.counts.loseAnswer++;
      return void res.socket?.destroy();
    }
    const { 'content-length': _len, 'transfer-encoding': _te, connection: _c, ...keep } = answer.headers;
    if (x >= 0.34 && x < 0.44 && answer.body.length > 1) {
      this.counts.cut++;
      res.writeHead(answer.status, { ...keep, 'content-length': String(answer.body.length) });
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      setTimeout(() => res.socket?.destroy(), 5);
      return;
    }
    res.writeHead(answer.status, { ...keep, 'content-length': String(answer.body.length) });
    res.end(answer.body);
  }

  async listen(): Promise<number> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void this.handle(req, res, Buffer.concat(chunks)).catch(() => res.socket?.destroy()));
    });
    await new Promise<void>((ok) => this.server!.listen(0, '127.0.0.1', ok));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { partnerInput } from '../helpers/core.ts';
import { fixtureUi } from '../helpers/server.ts';

const dir = mkdtempSync(join(tmpdir(), 'pd-server-stop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The server as operators run it: its own process, JSON log lines on stdout. */
function startServerProcess(dataDir: string): {
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  waitFor(msg: string): Promise<Record<string, unknown>>;
} {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'main/hosts/server/cli.ts',
      '--insecure-loopback',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--ui',
      fixtureUi(dir),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{ msg: string; resolve: (l: Record<string, unknown>) => void }> = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    const line = JSON.parse(text) as Record<string, unknown>;
    lines.push(line);
    for (const w of waiters.filter((w) => w.msg === line.msg)) w.resolve(line);
  });
  return {
    child,
    lines,
    waitFor: (msg) =>
      new Promise((resolve) => {
        const seen = lines.find((l) => l.msg === msg);
        if (seen) resolve(seen);
        else waiters.push({ msg, resolve });
      }),
  };
}

describe('server host: SIGTERM with a request in flight (a real child process)', () => {
  it('stops accepting, answers the request in flight, closes the database and exits 0', async () => {
    const dataDir = join(dir, 'data');
    const server = startServerProcess(dataDir);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    const port = Number((await server.waitFor('listening')).port);
    expect(port).toBeGreaterThan(0);

    // Headers and half the body now; the rest only after SIGTERM.
    const body = Buffer.from(JSON.stringify({ input: partnerInput(1) }));
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/api/call/auth.register',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': body.length },
    });
    const answer = new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      req.on('response', (res: IncomingMessage) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      });
      req.on('error', reject);
    });
    req.write(body.subarray(0, 40));
    await new Promise((r) => setTimeout(r, 500));
    server.child.kill('SIGTERM');
    expect((await server.waitFor('stopping: finishing requests in flight')).inFlight).toBe(1);

    // Not accepting any more: a new connection is refused while the old request is still open.
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve('connected')));
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });
    expect(refused).toBe('ECONNREFUSED');
    req.end(body.subarray(40));

    const { status, json } = await answer;
    expect(status).toBe(200);
    expect(json).toMatchObject({ ok: true, result: { partnerId: 'partner-1' } });
    expect(await exited).toBe(0);
    expect(server.lines.at(-1)).toMatchObject({ msg: 'stopped' });
    expect(server.lines.find((l) => l.path === '/api/call/auth.register')).toMatchObject({
      method: 'POST',
      status: 200,
      call: 'auth.register',
    });

    // The database was closed cleanly with the registration in it.
    const db = new Database(join(dataDir, 'partner-desk.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT COUNT(*) FROM app_user WHERE id = 'partner-1'").pluck().get()).toBe(1);
    // `npm run server` serves desks: the registration is in the change log their pulls read.
    expect(db.prepare('SELECT role FROM sync_node WHERE id = 1').pluck().get()).toBe('server');
    expect(
      db.prepare('SELECT COUNT(*) FROM sync_change WHERE tbl = ? AND pk = ?').pluck().get('partner', '["partner-1"]'),
    ).toBe(1);
    db.close();
  }, 60_000);
});

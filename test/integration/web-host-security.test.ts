import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { parseConfig } from '../../main/core/config.ts';
import { ADMIN } from '../helpers/core.ts';
import { decodeQuotedPrintable } from '../helpers/smtp.ts';
import { testWebHost } from '../helpers/web.ts';

type Web = Awaited<ReturnType<typeof testWebHost>>;

function caller(web: Web) {
  return (method: string, input: unknown, headers: Record<string, string> = {}) =>
    fetch(`${web.host.origin}/api/call/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ input }),
    }).then(async (res) => ({
      status: res.status,
      body: (await res.json()) as { ok: boolean; result?: unknown; error?: { code: string } },
    }));
}

/** Opens the event channel; resolves 'open:<protocol>' or the refusal. */
function openEvents(web: Web, protocols: string[], headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${web.host.port}/api/events`, protocols, {
      origin: web.host.origin,
      headers,
    });
    ws.on('open', () => {
      resolve(`open:${ws.protocol}`);
      ws.close();
    });
    ws.on('unexpected-response', (_req, res) => resolve(`refused:${res.statusCode}`));
    ws.on('error', (e) => resolve(`error:${e.message}`));
  });
}

describe('the launch credential is never a cookie (issue 12 item 5)', () => {
  let web: Web;
  beforeAll(async () => {
    web = await testWebHost();
  });
  afterAll(() => web.close());

  it('sets no cookie on any page, including the old ?launch= address', async () => {
    for (const path of ['/', '/index.html', `/?launch=${web.host.token}`, `/#launch=${web.host.token}`]) {
      const res = await fetch(`${web.host.origin}${path}`, { redirect: 'manual' });
      expect(res.headers.get('set-cookie'), path).toBeNull();
      expect(res.status, path).toBe(200);
    }
  });

  it('ignores the launch token in a cookie (what a page on another 127.0.0.1 port would be sent): calls and events refused, nothing written', async () => {
    const call = caller(web);
    const cookie = { cookie: `pd_launch=${web.host.token}` };
    const refused = await call('setup.createAdmin', ADMIN, cookie);
    expect(refused.status).toBe(401);
    expect(refused.body.error?.code).toBe('PD_RPC_004');
    expect((web.core.db.reader.prepare('SELECT COUNT(*) AS n FROM app_user').get() as { n: number }).n).toBe(0);
    expect(await openEvents(web, ['partner-desk'], cookie)).toBe('refused:403');
  });

  it('accepts the token as a header for calls and as a subprotocol for events, and never echoes it', async () => {
    expect((await caller(web)('system.info', {}, { 'x-partner-desk-launch': web.host.token })).body.ok).toBe(true);
    expect(await openEvents(web, ['partner-desk', `launch.${web.host.token}`])).toBe('open:partner-desk');
    expect(await openEvents(web, ['partner-desk', 'launch.guess'])).toBe('refused:403');
    expect(await openEvents(web, ['partner-desk'])).toBe('refused:403');
  });
});

describe('reset mails carry no launch token and the reset route works without it (issue 12 item 3)', () => {
  let web: Web;
  beforeAll(async () => {
    web = await testWebHost();
  });
  afterAll(() => web.close());

  it('mails <origin>/#/reset-password?token=… and resets the password with no launch token', async () => {
    const call = caller(web);
    const launch = { 'x-partner-desk-launch': web.host.token };
    expect((await call('setup.createAdmin', ADMIN, launch)).body.ok).toBe(true);
    expect((await call('auth.requestPasswordReset', { email: ADMIN.email }, launch)).body.ok).toBe(true);
    const outbox = join(web.dir, 'data', 'mail-outbox');
    let files: string[] = [];
    for (let i = 0; i < 100 && files.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        files = readdirSync(outbox);
      } catch {
        files = [];
      }
    }
    expect(files).toHaveLength(1);
    const mail = decodeQuotedPrintable(readFileSync(join(outbox, files[0]!), 'utf8'));
    expect(mail).not.toContain(web.host.token);
    expect(mail).not.toMatch(/launch/i);
    const link = new RegExp(
      `${web.host.origin.replace(/[.:/]/g, '\\$&')}/#/reset-password\\?token=([A-Za-z0-9_-]+)`,
    ).exec(mail);
    expect(link?.[1]).toBeDefined();

    // a fresh browser with only the mailed link: no launch header at all
    expect((await call('system.info', {})).body.ok).toBe(true);
    expect((await call('auth.resetPassword', { token: link![1]!, newPassword: 'Fresh-Pass-42!' })).body).toEqual({
      ok: true,
      result: { ok: true },
    });
    // …but nothing else works without the token
    const login = await call('auth.login', { login: 'admin', password: 'Fresh-Pass-42!' });
    expect([login.status, login.body.error?.code]).toEqual([401, 'PD_RPC_004']);
    expect((await call('auth.login', { login: 'admin', password: 'Fresh-Pass-42!' }, launch)).body.ok).toBe(true);
  });

  it('the core refuses a public URL that carries a credential or a query', () => {
    for (const publicUrl of [
      'http://127.0.0.1:4610/?launch=abc',
      'http://user:pw@127.0.0.1/',
      'http://127.0.0.1/#launch=abc',
    ]) {
      expect(() =>
        openCore({
          hardware: createHardwareHub,
          dataDir: join(web.dir, 'other'),
          publicUrl,
          config: parseConfig({}),
          log: () => undefined,
        }),
      ).toThrow(/publicUrl/);
    }
  });
});

describe('connection cap and header timeout (issue 12 item 10)', () => {
  let web: Web;
  const CAP = 8;
  beforeAll(async () => {
    web = await testWebHost(undefined, {
      config: { web: { maxConnections: CAP, headersTimeoutSeconds: 1, requestTimeoutSeconds: 2 } },
    });
  });
  afterAll(() => web.close());

  it('holds at most the cap of half-open requests, drops them after the header timeout, and keeps serving', async () => {
    const sockets: Array<{ socket: Socket; closed: boolean }> = [];
    await Promise.all(
      Array.from(
        { length: 200 },
        () =>
          new Promise<void>((resolve) => {
            const entry = { socket: connect(web.host.port, '127.0.0.1'), closed: false };
            sockets.push(entry);
            entry.socket.on('close', () => (entry.closed = true));
            entry.socket.on('error', () => undefined);
            entry.socket.resume(); // read the 408, so 'close' can follow
            // a request that never finishes its headers (slowloris)
            entry.socket.on('connect', () => {
              entry.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${web.host.port}\r\nX-Slow: `);
              resolve();
            });
            entry.socket.on('close', () => resolve());
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(sockets.filter((s) => !s.closed).length).toBeLessThanOrEqual(CAP);
    await new Promise((r) => setTimeout(r, 2500));
    expect(sockets.filter((s) => !s.closed).length).toBe(0);
    const res = await caller(web)('system.info', {}, { 'x-partner-desk-launch': web.host.token });
    expect(res.body.ok).toBe(true);
  });
});

import { get } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../main/contract/index.ts';
import { generateClientKey, startDemoProvider } from '../../main/hosts/shared/oidc/demo-provider.ts';
import type { DemoProvider } from '../../main/hosts/shared/oidc/demo-provider.ts';
import { signInWithSystemBrowser } from '../../main/hosts/shared/oidc/loopback.ts';
import type { ProviderAnswer } from '../../main/hosts/shared/oidc/loopback.ts';
import { ADMIN, TestClock, testCore } from '../helpers/core.ts';
import type { TestCore } from '../helpers/core.ts';
import { AMINA, providerRedirect } from '../helpers/oidc.ts';

/**
 * The desktop host's RFC 8252 sign-in, for real in Node: the loopback listener on 127.0.0.1 with
 * an OS-picked port, the core beginning and completing the sign-in, the e-Signet-like provider
 * with the desk as a native client (loopback redirect registered without a port), and a real HTTP
 * client in the browser's place that follows the provider's redirects into the listener.
 */
const DESKTOP_REDIRECT = 'http://127.0.0.1/callback';
let op: DemoProvider;
let portal: Record<string, unknown>;
let tc: TestCore;

beforeAll(async () => {
  const key = await generateClientKey();
  op = await startDemoProvider({
    clients: [
      {
        clientId: 'partner-desk-desktop',
        redirectUris: [DESKTOP_REDIRECT],
        publicJwk: key.publicJwk,
        applicationType: 'native',
      },
    ],
  });
  portal = {
    oidc: {
      issuer: op.issuer,
      clientId: 'partner-desk-desktop',
      clientJwk: key.privateJwk,
      redirectUri: DESKTOP_REDIRECT,
      allowInsecureLoopback: true,
    },
  };
});
afterAll(() => op.close());
beforeEach(async () => {
  tc?.close();
  tc = testCore({ config: { portal }, clock: new TestClock(new Date()) });
  await tc.call('setup.createAdmin', ADMIN);
});
afterAll(() => tc.close());

/** A GET as a browser sends it (optionally with another Host header): status and body. */
function browserGet(url: string, host?: string): Promise<{ status: number; html: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, ...(host ? { headers: { host } } : {}) }, (res) => {
      let html = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (html += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, html }));
    }).on('error', reject);
  });
}

const core = () => ({
  begin: (redirectUri: string) => tc.call('portal.signIn.begin', { redirectUri }),
  complete: (answer: ProviderAnswer) => tc.call('portal.signIn.complete', answer),
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    // the module's own refusals are AppErrors; the core's come through the test helper's message
    return err instanceof AppError ? err.code : (/\b(PD_[A-Z]+_\d+)\b/.exec(String(err))?.[1] ?? String(err));
  }
  return 'resolved';
}
const applicants = () => tc.count("SELECT COUNT(*) AS n FROM user_role WHERE role = 'APPLICANT'");

describe('desktop sign-in through the system browser with a loopback redirect (RFC 8252)', () => {
  it('opens the browser at the provider with http://127.0.0.1:<port>/callback, takes the answer once, signs in, and leaves a page in the user language', async () => {
    let opened = '';
    let landed: Promise<{ status: number; html: string; url: string }> | null = null;
    const session = await signInWithSystemBrowser({
      ...core(),
      lang: 'fr',
      timeoutMs: 30_000,
      async openExternal(url) {
        opened = url;
        // the system browser: at the provider, then back to the desk's loopback port
        landed = providerRedirect(url, AMINA).then(async (back) => ({ ...(await browserGet(back)), url: back }));
      },
    });
    const auth = new URL(opened);
    expect(auth.origin).toBe(op.issuer);
    const redirect = auth.searchParams.get('redirect_uri')!;
    expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1:\d{2,5}\/callback$/);
    expect(new URL(redirect).port).not.toBe('');
    expect(session.user.roles).toEqual(['APPLICANT']);
    expect((await tc.call('portal.profile', {}, session.token)).idValue).toBe(AMINA.individualId);
    const page = await landed!;
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="fr" dir="ltr">');
    expect(page.html).toContain('Vous êtes connecté');
    expect(new URL(page.url).searchParams.get('state')).toBe(auth.searchParams.get('state'));
    // one shot: the port is closed, the same answer cannot be delivered again
    await expect(browserGet(page.url)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('answers but ignores a request with another state, a wrong Host or a wrong path, and keeps waiting for its own', async () => {
    const seen: Array<{ status: number; html?: string }> = [];
    const session = await signInWithSystemBrowser({
      ...core(),
      lang: 'ar',
      timeoutMs: 30_000,
      async openExternal(url) {
        const redirect = new URL(new URL(url).searchParams.get('redirect_uri')!);
        const port = redirect.port;
        seen.push(await browserGet(`${redirect.href}?state=forged&code=stolen`));
        seen.push(await browserGet(`${redirect.href}?state=${new URL(url).searchParams.get('state')}`)); // no code
        seen.push(await browserGet(`http://127.0.0.1:${port}/other`));
        seen.push(await browserGet(`${redirect.href}?state=x&code=y`, `evil.example:${port}`));
        void providerRedirect(url, AMINA).then(browserGet);
      },
    });
    expect(seen.map((s) => s.status)).toEqual([400, 400, 404, 421]);
    expect(seen[0]!.html).toContain('<html lang="ar" dir="rtl">');
    expect(seen[0]!.html).toContain('هذه الإجابة لا تخصّ تسجيل الدخول هذا');
    expect(session.user.roles).toEqual(['APPLICANT']);
  });

  it('gives up after the timeout with PD_SSP_022 and closes the port; nobody is signed in', async () => {
    let redirect = '';
    const code = await codeOf(
      signInWithSystemBrowser({
        ...core(),
        lang: 'en',
        timeoutMs: 300,
        async openExternal(url) {
          redirect = new URL(url).searchParams.get('redirect_uri')!;
        },
      }),
    );
    expect(code).toBe('PD_SSP_022');
    await expect(browserGet(`${redirect}?state=a&code=b`)).rejects.toThrow(/ECONNREFUSED/);
    expect(applicants()).toBe(0);
  });

  it('is cancelled from the app with PD_SSP_023, before or while the browser is open', async () => {
    const early = new AbortController();
    early.abort();
    expect(
      await codeOf(
        signInWithSystemBrowser({ ...core(), lang: 'en', signal: early.signal, openExternal: async () => undefined }),
      ),
    ).toBe('PD_SSP_023');
    const cancel = new AbortController();
    expect(
      await codeOf(
        signInWithSystemBrowser({
          ...core(),
          lang: 'en',
          timeoutMs: 30_000,
          signal: cancel.signal,
          async openExternal() {
            setTimeout(() => cancel.abort(), 50);
          },
        }),
      ),
    ).toBe('PD_SSP_023');
    expect(applicants()).toBe(0);
  });

  it('passes the core refusal on (consent withheld: PD_SSP_019) and tells the browser it did not complete', async () => {
    let landed: Promise<{ status: number; html: string }> | null = null;
    const code = await codeOf(
      signInWithSystemBrowser({
        ...core(),
        lang: 'en',
        timeoutMs: 30_000,
        async openExternal(url) {
          landed = providerRedirect(url, AMINA, 'deny').then((back) => browserGet(back));
        },
      }),
    );
    expect(code).toBe('PD_SSP_019');
    expect((await landed!).html).toContain('The sign-in did not complete');
    expect(applicants()).toBe(0);
  });

  it('the core takes any port only for a loopback URI registered without one', async () => {
    for (const redirectUri of [
      'http://127.0.0.1:4711/other',
      'http://127.0.0.1.evil.example:4711/callback',
      'https://127.0.0.1:4711/callback',
      'http://localhost:4711/callback',
    ])
      expect((await tc.fail('portal.signIn.begin', { redirectUri })).code, redirectUri).toBe('PD_SSP_015');
    expect((await tc.call('portal.signIn.begin', { redirectUri: 'http://127.0.0.1:4711/callback' })).state).toMatch(
      /^[A-Za-z0-9_-]{32}$/,
    );
  });
});

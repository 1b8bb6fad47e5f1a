import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../contract/index.ts';
import type { ErrorCode, Language } from '../../../contract/index.ts';

/**
 * RFC 8252 sign-in for the desktop host: the system browser, not a web view, and the provider's
 * answer caught by a one-shot HTTP listener on 127.0.0.1 with a port the OS picks
 * (`http://127.0.0.1:<port>/callback`; the provider and the core accept any port for a loopback
 * URI registered without one, §7.3). The listener takes only the answer carrying the state of the
 * sign-in it was opened for — anything else on that port is answered and ignored, it keeps waiting —
 * and closes after that answer, on timeout or on cancel. No electron here: the Electron host passes
 * `shell.openExternal`, tests pass a real HTTP client.
 */

export interface ProviderAnswer {
  state: string;
  code?: string;
  error?: string;
  error_description?: string;
  iss?: string;
}

export interface SystemBrowserSignIn<T> {
  /** Starts the sign-in at the core for this redirect URI (portal.signIn.begin). */
  begin(redirectUri: string): Promise<{ authorizationUrl: string; state: string }>;
  /** Finishes it with the provider's answer (portal.signIn.complete). */
  complete(answer: ProviderAnswer): Promise<T>;
  /** Opens the authorization URL in the system browser. */
  openExternal(url: string): Promise<void>;
  /** The language of the page the browser shows when the answer arrives. */
  lang: Language;
  /** How long the browser may take (default 5 minutes). */
  timeoutMs?: number;
  /** Aborting cancels the sign-in (PD_SSP_023). */
  signal?: AbortSignal;
}

const CALLBACK = '/callback';
const ANSWER_KEYS = ['state', 'code', 'error', 'error_description', 'iss'] as const;
/** The browser's page waits this long for the core's verdict before saying "return to the app" anyway. */
const VERDICT_WAIT_MS = 15_000;

type PageKind = 'signedIn' | 'failed' | 'notThisSignIn';
const PAGES: Record<Language, Record<PageKind, { title: string; text: string }>> = {
  en: {
    signedIn: { title: 'You are signed in', text: 'You can close this tab and return to Partner Desk.' },
    failed: { title: 'The sign-in did not complete', text: 'Return to Partner Desk to see why and try again.' },
    notThisSignIn: {
      title: 'This answer is not for this sign-in',
      text: 'Start the sign-in again from Partner Desk.',
    },
  },
  fr: {
    signedIn: { title: 'Vous êtes connecté', text: 'Vous pouvez fermer cet onglet et revenir à Partner Desk.' },
    failed: {
      title: 'La connexion n’a pas abouti',
      text: 'Revenez à Partner Desk pour en voir la raison et réessayer.',
    },
    notThisSignIn: {
      title: 'Cette réponse ne correspond pas à cette connexion',
      text: 'Recommencez la connexion depuis Partner Desk.',
    },
  },
  ar: {
    signedIn: { title: 'تمّ تسجيل دخولك', text: 'يمكنك إغلاق هذه الصفحة والعودة إلى Partner Desk.' },
    failed: { title: 'لم يكتمل تسجيل الدخول', text: 'عُد إلى Partner Desk لمعرفة السبب والمحاولة من جديد.' },
    notThisSignIn: { title: 'هذه الإجابة لا تخصّ تسجيل الدخول هذا', text: 'ابدأ تسجيل الدخول من جديد من Partner Desk.' },
  },
};

/** The page the browser is left on: the user's language and direction, nothing loaded from anywhere. */
export function closingPage(lang: Language, kind: PageKind): string {
  const { title, text } = PAGES[lang][kind];
  return `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-inline-size:32rem;margin-block:4rem;margin-inline:auto;padding-inline:1rem}</style>
</head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    connection: 'close',
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  res.end(html);
}

const fail = (code: ErrorCode, message: string) => new AppError(code, message);

export interface LoopbackListener {
  redirectUri: string;
  /** The provider's answer for `state`; rejects with PD_SSP_022 (timeout) or PD_SSP_023 (cancel). */
  answerFor(state: string): Promise<ProviderAnswer>;
  /** The page the waiting browser gets, once the core has decided; then the listener closes. */
  finish(kind: 'signedIn' | 'failed'): void;
  cancel(): void;
  /** Resolves when the port is closed. */
  closed: Promise<void>;
}

/** A one-shot listener on 127.0.0.1 (the OS picks the port); refused with PD_SSP_024 when it cannot listen. */
export async function openLoopbackListener(options: { lang: Language; timeoutMs: number }): Promise<LoopbackListener> {
  const { lang } = options;
  let expected: string | null = null;
  let settle: { resolve(a: ProviderAnswer): void; reject(e: AppError): void } | null = null;
  let pending: ProviderAnswer | null = null;
  let failure: AppError | null = null;
  let held: ServerResponse | null = null;
  let heldTimer: NodeJS.Timeout | null = null;
  let done = false;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Only a browser sent here by the provider: the exact host (no DNS rebinding), GET, the path.
    if (req.headers.host !== `127.0.0.1:${port}`) return void res.writeHead(421).end();
    if (url.pathname !== CALLBACK) return void res.writeHead(404).end();
    if (req.method !== 'GET') return void res.writeHead(405, { allow: 'GET' }).end();
    const answer = Object.fromEntries(
      ANSWER_KEYS.filter((k) => url.searchParams.has(k)).map((k) => [k, url.searchParams.get(k)!]),
    ) as Partial<ProviderAnswer>;
    if (done || expected === null || answer.state !== expected || (!answer.code && !answer.error))
      return send(res, 400, closingPage(lang, 'notThisSignIn'));
    done = true;
    clearTimeout(timer);
    held = res;
    heldTimer = setTimeout(() => release('failed'), VERDICT_WAIT_MS);
    const got = answer as ProviderAnswer;
    if (settle) settle.resolve(got);
    else pending = got;
  });

  function release(kind: 'signedIn' | 'failed'): void {
    if (heldTimer) clearTimeout(heldTimer);
    heldTimer = null;
    server.close();
    // The page goes out whole; then no connection (a browser's idle keep-alive) holds the port open.
    if (held) {
      held.once('finish', () => server.closeAllConnections());
      send(held, 200, closingPage(lang, kind));
    } else server.closeAllConnections();
    held = null;
  }

  function stop(err: AppError): void {
    if (done) return;
    done = true;
    clearTimeout(timer);
    failure = err;
    settle?.reject(err);
    server.close();
    server.closeAllConnections();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(fail('PD_SSP_024', `Cannot listen on 127.0.0.1: ${err.message}`)));
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const timer = setTimeout(
    () => stop(fail('PD_SSP_022', 'The sign-in in the system browser took too long.')),
    options.timeoutMs,
  );
  timer.unref();

  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK}`,
    answerFor(state) {
      expected = state;
      return new Promise<ProviderAnswer>((resolve, reject) => {
        if (failure) return reject(failure);
        if (pending) return resolve(pending);
        settle = {
          resolve: (a) => {
            clearTimeout(timer);
            resolve(a);
          },
          reject,
        };
      });
    },
    finish: release,
    cancel: () => stop(fail('PD_SSP_023', 'The sign-in was cancelled in the app.')),
    closed,
  };
}

/**
 * The whole desktop sign-in: listen, begin at the core with the loopback redirect, open the
 * system browser, wait for the answer with this sign-in's state, complete at the core, and leave
 * the browser on a page saying how it ended.
 */
export async function signInWithSystemBrowser<T>(flow: SystemBrowserSignIn<T>): Promise<T> {
  if (flow.signal?.aborted) throw fail('PD_SSP_023', 'The sign-in was cancelled in the app.');
  const listener = await openLoopbackListener({ lang: flow.lang, timeoutMs: flow.timeoutMs ?? 5 * 60_000 });
  const onAbort = () => listener.cancel();
  flow.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const { authorizationUrl, state } = await flow.begin(listener.redirectUri);
    const answer = listener.answerFor(state);
    answer.catch(() => undefined); // awaited below; a browser that never opened must not leave it unhandled
    await flow.openExternal(authorizationUrl);
    const got = await answer;
    try {
      const result = await flow.complete(got);
      listener.finish('signedIn');
      return result;
    } catch (err) {
      listener.finish('failed');
      throw err;
    }
  } catch (err) {
    listener.cancel();
    throw err;
  } finally {
    flow.signal?.removeEventListener('abort', onAbort);
    await listener.closed;
  }
}

import { extname, resolve, sep } from 'node:path';
import type { ErrorBody } from '../../contract/index.ts';

/**
 * The Electron host's trust decisions as pure functions of plain values — no `electron` import,
 * so every rule here is unit-tested without a desktop binary (test/unit/electron-guards.test.ts).
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'partner-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** IPC channels live in the contract so the preload (which may import only the contract) shares them. */
import { CALL_CHANNEL_PREFIX } from '../../contract/channels.ts';
export { CALL_CHANNEL_PREFIX, EVENT_CHANNEL, EVENT_SESSION_CHANNEL, READY_CHANNEL } from '../../contract/channels.ts';
export const callChannel = (method: string): string => `${CALL_CHANNEL_PREFIX}${method}`;

/**
 * The renderer's meta-tag policy, sent as a header on every app:// response. Both apply; the header
 * drops the meta's `ws: wss:` (only the web host's WebSocket needs them) and forbids framing.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const SESSION_MAX_LENGTH = 512;
/** Largest call payload (UTF-8 bytes of its JSON form) unless the method's spec sets `maxBytes`. */
export const DEFAULT_MAX_CALL_BYTES = 256 * 1024;

/** True only for app://partner-desk/… (no credentials, no port). Never string-prefix matching. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host.toLowerCase() === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}

/** What the IPC layer knows about who sent a message, reduced to plain values. */
export interface SenderFacts {
  /** `event.senderFrame?.url`; null when the frame is gone (navigated or destroyed). */
  frameUrl: string | null;
  /** The sending frame is its window's top frame (not an iframe). */
  isMainFrame: boolean;
  /** The sender's webContents belongs to a window this process created. */
  isOurWindow: boolean;
}

export function isTrustedSender(facts: SenderFacts): boolean {
  return facts.isOurWindow && facts.isMainFrame && isAppUrl(facts.frameUrl);
}

export type PayloadCheck = { ok: true; input: unknown; session: string | null } | { ok: false; error: ErrorBody };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The envelope of a call: exactly `{ input, session }`, session a bounded string or null, the whole
 * payload no larger than `maxBytes` as JSON. `input` itself is validated by the core against the
 * method's schema.
 */
export function checkCallPayload(payload: unknown, maxBytes: number = DEFAULT_MAX_CALL_BYTES): PayloadCheck {
  const invalid = (message: string): PayloadCheck => ({
    ok: false,
    error: { code: 'PMS_COR_002', message },
  });
  if (!isPlainObject(payload)) return invalid('The request must be an object with input and session.');
  for (const key of Object.keys(payload)) {
    if (key !== 'input' && key !== 'session') return invalid('The request has an unexpected field.');
  }
  if (!Object.prototype.hasOwnProperty.call(payload, 'session')) return invalid('The request has no session field.');
  const session = payload.session;
  if (
    session !== null &&
    (typeof session !== 'string' || session.length === 0 || session.length > SESSION_MAX_LENGTH)
  ) {
    return invalid('The session must be a token or null.');
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(payload);
  } catch {
    return invalid('The request cannot be serialised.');
  }
  if (json === undefined) return invalid('The request cannot be serialised.');
  if (Buffer.byteLength(json, 'utf8') > maxBytes) {
    return { ok: false, error: { code: 'PD_RPC_002', message: 'The request is too large.' } };
  }
  return { ok: true, input: payload.input, session };
}

/** https only, no credentials or explicit port, host exactly one of `allowlist`. */
export function isAllowedExternalUrl(url: string, allowlist: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.port !== '')
    return false;
  const host = parsed.hostname.toLowerCase();
  return allowlist.some((allowed) => allowed.toLowerCase() === host);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type AssetResolution =
  { ok: true; file: string; mimeType: string; spaFallback: boolean } | { ok: false; status: 400 | 404 | 405 };

/**
 * Maps an app:// request to a file strictly inside `root` (the built renderer). Refuses other
 * hosts, non-GET methods, encoded separators or NUL bytes, and anything resolving outside `root`.
 * `spaFallback` marks extension-less paths: serve index.html if the file does not exist.
 */
export function resolveAppAsset(root: string, requestUrl: string, method = 'GET'): AssetResolution {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405 };
  if (!isAppUrl(requestUrl)) return { ok: false, status: 404 };
  const { pathname } = new URL(requestUrl);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 400 };
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.')) return { ok: false, status: 404 };
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const base = resolve(root);
  const file = resolve(base, relative);
  if (!file.startsWith(base + sep)) return { ok: false, status: 404 };
  return { ok: true, file, mimeType: mimeTypeFor(file), spaFallback: extname(file) === '' };
}

/** The deep-link scheme of reset links mailed by the desktop (the core builds them from publicUrl). */
export const DEEP_LINK_SCHEME = 'partnerdesk';

/**
 * Maps a `partnerdesk://#/reset-password?token=…` link to the renderer route it opens, or null.
 * Only known routes with well-formed parameters pass: a link is input from outside the app.
 */
export function deepLinkRoute(url: string | undefined): string | null {
  if (typeof url !== 'string' || url.length > 1024) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  const m = /^#\/reset-password\?token=([A-Za-z0-9_-]{16,256})$/.exec(parsed.hash);
  return m ? `/reset-password?token=${m[1]}` : null;
}

/** The deep link among a second instance's command-line arguments (Windows/Linux), if any. */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const route = deepLinkRoute(arg);
    if (route) return route;
  }
  return null;
}

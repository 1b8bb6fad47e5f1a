import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../main/contract/index.ts';
import { dataDirFromArgs, parseDesktopArgs } from '../../main/hosts/electron/args.ts';
import { EXTERNAL_HOST_ALLOWLIST } from '../../main/hosts/electron/external-links.ts';
import {
  APP_ENTRY_URL,
  callChannel,
  checkCallPayload,
  CONTENT_SECURITY_POLICY,
  DEFAULT_MAX_CALL_BYTES,
  deepLinkFromArgv,
  isAllowedExternalUrl,
  isAppUrl,
  isTrustedSender,
  mimeTypeFor,
  resolveAppAsset,
  SESSION_MAX_LENGTH,
} from '../../main/hosts/electron/guards.ts';

describe('isAppUrl', () => {
  it.each([
    'app://partner-desk/',
    'app://partner-desk/index.html',
    'app://partner-desk/assets/a.js?v=1#x',
    'APP://Partner-Desk/index.html',
  ])('accepts %s', (url) => expect(isAppUrl(url)).toBe(true));
  it.each([
    null,
    undefined,
    '',
    'not a url',
    'file:///opt/partner-desk/dist/renderer/index.html',
    'https://partner-desk/',
    'http://partner-desk/',
    'app://evil/index.html',
    'app://partner-desk.evil.com/',
    'app://evil.com/partner-desk/',
    'app://partner-desk@evil.com/',
    'app://user:pw@partner-desk/',
    'app://partner-desk:8080/',
    'appx://partner-desk/',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    'javascript:alert(1)',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('isTrustedSender', () => {
  const good = { frameUrl: APP_ENTRY_URL, isMainFrame: true, isOurWindow: true };
  it('accepts the main frame of our window on the app origin', () => {
    expect(isTrustedSender(good)).toBe(true);
    expect(isTrustedSender({ ...good, frameUrl: 'app://partner-desk/some/route' })).toBe(true);
  });
  it('refuses a sub-frame', () => expect(isTrustedSender({ ...good, isMainFrame: false })).toBe(false));
  it('refuses a window we did not create', () => expect(isTrustedSender({ ...good, isOurWindow: false })).toBe(false));
  it('refuses a frame that is gone', () => expect(isTrustedSender({ ...good, frameUrl: null })).toBe(false));
  it.each(['https://evil.example/', 'file:///etc/passwd', 'app://other/index.html', 'about:blank'])(
    'refuses a frame on %s',
    (frameUrl) => expect(isTrustedSender({ ...good, frameUrl })).toBe(false),
  );
});

describe('checkCallPayload', () => {
  it('accepts { input, session } with a token or null', () => {
    expect(checkCallPayload({ input: { a: 1 }, session: 'tok' })).toEqual({
      ok: true,
      input: { a: 1 },
      session: 'tok',
    });
    expect(checkCallPayload({ input: {}, session: null })).toEqual({
      ok: true,
      input: {},
      session: null,
    });
    expect(checkCallPayload({ session: null })).toEqual({
      ok: true,
      input: undefined,
      session: null,
    });
    expect(checkCallPayload({ input: undefined, session: null })).toMatchObject({ ok: true });
    const nullProto = Object.assign(Object.create(null) as Record<string, unknown>, {
      input: 1,
      session: null,
    });
    expect(checkCallPayload(nullProto)).toMatchObject({ ok: true, input: 1 });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'input'],
    ['a number', 42],
    ['an array', [{}, null]],
    ['a class instance', new Date()],
    ['a Map', new Map([['session', null]])],
    ['no session field', { input: {} }],
    ['an extra field', { input: {}, session: null, method: 'x' }],
    ['a numeric session', { input: {}, session: 1 }],
    ['an object session', { input: {}, session: { token: 'x' } }],
    ['an empty session', { input: {}, session: '' }],
    ['an undefined session', { input: {}, session: undefined }],
    ['an over-long session', { input: {}, session: 'x'.repeat(SESSION_MAX_LENGTH + 1) }],
    ['a BigInt input', { input: { n: 1n }, session: null }],
  ])('refuses %s', (_label, payload) => {
    const result = checkCallPayload(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('PMS_COR_002');
  });

  it('refuses a cyclic input', () => {
    const input: Record<string, unknown> = {};
    input.self = input;
    expect(checkCallPayload({ input, session: null })).toMatchObject({
      ok: false,
      error: { code: 'PMS_COR_002' },
    });
  });

  it('caps the payload size (default and per method)', () => {
    const big = { input: { blob: 'x'.repeat(DEFAULT_MAX_CALL_BYTES) }, session: null };
    expect(checkCallPayload(big)).toMatchObject({ ok: false, error: { code: 'PD_RPC_002' } });
    expect(checkCallPayload(big, DEFAULT_MAX_CALL_BYTES * 2)).toMatchObject({ ok: true });
    expect(checkCallPayload({ input: { s: 'é'.repeat(60) }, session: null }, 100)).toMatchObject({
      ok: false,
      error: { code: 'PD_RPC_002' },
    });
    expect(checkCallPayload({ input: { s: 'e'.repeat(60) }, session: null }, 100)).toMatchObject({
      ok: true,
    });
  });
});

describe('isAllowedExternalUrl', () => {
  const list = ['docs.mosip.io', 'github.com'];
  it.each([
    'https://docs.mosip.io/',
    'https://docs.mosip.io/1.2.0/partners?x=1#y',
    'https://GitHub.com/mosip',
    'https://github.com.'.slice(0, -1),
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url, list)).toBe(true));
  it.each([
    'http://docs.mosip.io/', // not https
    'https://evil.docs.mosip.io/', // subdomains are not implied
    'https://docs.mosip.io.evil.com/',
    'https://evil.com/?https://docs.mosip.io',
    'https://docs.mosip.io@evil.com/',
    'https://user:pw@docs.mosip.io/',
    'https://docs.mosip.io:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'mailto:admin@docs.mosip.io',
    'app://partner-desk/index.html',
    'smb://docs.mosip.io/share',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url, list)).toBe(false));
  it('ships an allowlist of plain host names', () => {
    for (const host of EXTERNAL_HOST_ALLOWLIST)
      expect(isAllowedExternalUrl(`https://${host}/`, EXTERNAL_HOST_ALLOWLIST)).toBe(true);
  });
});

describe('resolveAppAsset', () => {
  const root = resolve('/srv/partner-desk/dist/renderer');
  const inside = (...parts: string[]) => join(root, ...parts);

  it('maps the app origin to files under the renderer root', () => {
    expect(resolveAppAsset(root, 'app://partner-desk/')).toEqual({
      ok: true,
      file: inside('index.html'),
      mimeType: 'text/html; charset=utf-8',
      spaFallback: false,
    });
    expect(resolveAppAsset(root, APP_ENTRY_URL)).toMatchObject({
      ok: true,
      file: inside('index.html'),
    });
    expect(resolveAppAsset(root, 'app://partner-desk/assets/index-abc.js?v=2')).toMatchObject({
      ok: true,
      file: inside('assets', 'index-abc.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'app://partner-desk/assets/my%20font.woff2')).toMatchObject({
      ok: true,
      file: inside('assets', 'my font.woff2'),
      mimeType: 'font/woff2',
    });
    expect(resolveAppAsset(root, 'app://partner-desk/partners/list')).toMatchObject({
      ok: true,
      spaFallback: true,
    });
    expect(resolveAppAsset(root, 'app://partner-desk/index.html', 'HEAD')).toMatchObject({
      ok: true,
    });
  });

  it.each([
    'app://partner-desk/..%2f..%2fetc%2fpasswd',
    'app://partner-desk/assets/..%2F..%2F..%2Fpackage.json',
    'app://partner-desk/..%5c..%5cwindows%5cwin.ini',
    'app://partner-desk/index.html%00.png',
    'app://partner-desk/%E0%A4%A',
  ])('refuses traversal and malformed paths: %s', (url) => {
    const result = resolveAppAsset(root, url);
    expect(result.ok).toBe(false);
    if (result.ok) expect(result.file.startsWith(root + sep)).toBe(true);
  });

  it('never resolves outside the root, whatever the URL parser normalised', () => {
    // The parser already folds `..` and `%2e%2e` segments: these land on root/etc/passwd, not /etc/passwd.
    for (const url of [
      'app://partner-desk/../../etc/passwd',
      'app://partner-desk/a/../../../b',
      'app://partner-desk/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const result = resolveAppAsset(root, url);
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.file.startsWith(root + sep)).toBe(true);
    }
  });

  it('refuses other hosts, schemes and methods', () => {
    expect(resolveAppAsset(root, 'app://evil/index.html')).toEqual({ ok: false, status: 404 });
    expect(resolveAppAsset(root, 'file:///srv/partner-desk/dist/renderer/index.html')).toEqual({
      ok: false,
      status: 404,
    });
    expect(resolveAppAsset(root, APP_ENTRY_URL, 'POST')).toEqual({ ok: false, status: 405 });
  });

  it('knows the MIME types the renderer ships', () => {
    expect(mimeTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('a.SVG')).toBe('image/svg+xml');
    expect(mimeTypeFor('a.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});

describe('channels and CSP', () => {
  it('has one call channel per contract method, all distinct', () => {
    const channels = METHOD_NAMES.map(callChannel);
    expect(new Set(channels).size).toBe(METHOD_NAMES.length);
    for (const c of channels) expect(c.startsWith('pd:call:')).toBe(true);
  });
  it('keeps scripts, styles and connections to the app itself', () => {
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)/);
  });
});

describe('dataDirFromArgs', () => {
  it('reads --data-dir <path> and --data-dir=<path>', () => {
    expect(dataDirFromArgs(['electron', '.', '--data-dir', '/tmp/desk'], {})).toBe('/tmp/desk');
    expect(dataDirFromArgs(['partner-desk', '--data-dir=/tmp/desk2'], {})).toBe('/tmp/desk2');
  });
  it('prefers the flag over PARTNER_DESK_DATA_DIR, which beats the default', () => {
    expect(dataDirFromArgs(['x', '--data-dir', 'a'], { PARTNER_DESK_DATA_DIR: 'b' })).toBe('a');
    expect(dataDirFromArgs(['x'], { PARTNER_DESK_DATA_DIR: 'b' })).toBe('b');
    expect(dataDirFromArgs(['x'], {})).toBeNull();
  });
  it('ignores a flag without a value', () => {
    expect(dataDirFromArgs(['x', '--data-dir'], {})).toBeNull();
    expect(dataDirFromArgs(['x', '--data-dir', '--inspect'], {})).toBeNull();
    expect(dataDirFromArgs(['x', '--data-dir='], { PARTNER_DESK_DATA_DIR: '' })).toBeNull();
  });
});

describe('parseDesktopArgs: a deep link cannot choose the data directory', () => {
  const link = 'partnerdesk://#/reset-password?token=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';

  it('stops reading flags at --', () => {
    expect(parseDesktopArgs(['partner-desk', '--', '--data-dir', '/tmp/evil'], {}).dataDir).toBeNull();
    expect(
      parseDesktopArgs(['partner-desk', '--data-dir', '/tmp/desk', '--', '--data-dir=/tmp/evil'], {}).dataDir,
    ).toBe('/tmp/desk');
  });

  it.each([
    ['a link before the flag', ['partner-desk', link, '--data-dir', '/tmp/evil']],
    ['a link after the flag', ['partner-desk', '--data-dir=/tmp/evil', link]],
    ['a link after --', ['partner-desk', '--data-dir', '/tmp/evil', '--', link]],
    [
      'a link with an upper-case scheme',
      ['partner-desk', '--data-dir', '/tmp/evil', 'PartnerDesk://#/reset-password?token=x'],
    ],
    [
      'a link carrying its own flag text',
      ['partner-desk', 'partnerdesk://x" --data-dir=/tmp/evil', '--data-dir=/tmp/evil'],
    ],
  ])('ignores every flag with %s and says so', (_label, argv) => {
    const parsed = parseDesktopArgs(argv, {});
    expect(parsed.dataDir).toBeNull();
    expect(parsed.refused.some((f) => f.startsWith('--data-dir'))).toBe(true);
    // the environment (set by the OS user, not by the link) still applies
    expect(parseDesktopArgs(argv, { PARTNER_DESK_DATA_DIR: 'desk-of-the-os-user' }).dataDir).toBe(
      'desk-of-the-os-user',
    );
  });

  it('still finds the route of the link itself', () => {
    expect(deepLinkFromArgv(['partner-desk', '--', link])).toBe(
      '/reset-password?token=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde',
    );
  });
});

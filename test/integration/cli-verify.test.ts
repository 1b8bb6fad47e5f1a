import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCore } from '../../main/core/index.ts';
import { createHardwareHub } from '../../native/hub/create-hub.ts';
import { parseConfig } from '../../main/core/config.ts';
import { ADMIN } from '../helpers/core.ts';
import { ext, intermediate, issue, keyPair, leaf, root } from '../helpers/pki.ts';

const dir = mkdtempSync(join(tmpdir(), 'pd-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');

function verify(
  lines: string[],
  args: string[] = [],
): { code: number | null; answers: Array<Record<string, unknown>>; err: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'main/cli/index.ts', 'verify', '--data-dir', dir, ...args],
    { input: lines.join('\n') + '\n', encoding: 'utf8' },
  );
  return {
    code: r.status,
    answers: r.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
    err: r.stderr,
  };
}

describe('npm run cli -- verify', () => {
  const r = root('CN=Verify Root, O=R');
  const i = intermediate(r, 'CN=Verify CA, O=R');
  const l = leaf(i, 'CN=Leaf, O=P');

  it('answers one JSON line per input, in order, and goes on after bad lines', () => {
    const out = verify([
      JSON.stringify({
        id: 'ok',
        domain: 'AUTH',
        leaf: l.pem,
        intermediates: [i.pem],
        trusted: [r.pem],
        time: '2026-06-01T00:00:00Z',
      }),
      '{not json',
      JSON.stringify({ id: 'bad-domain', domain: 'misp', leaf: l.pem }),
      JSON.stringify({
        id: 'expired',
        domain: 'AUTH',
        leaf: l.pem,
        intermediates: [i.pem],
        trusted: [r.pem],
        time: '2045-01-01T00:00:00Z',
      }),
      JSON.stringify({ id: 'no-path', domain: 'AUTH', leaf: l.pem, trusted: [r.pem], time: null }),
      JSON.stringify({ id: 'garbage', domain: 'AUTH', leaf: 'hello', trusted: [r.pem] }),
      JSON.stringify({
        id: 'misp',
        domain: 'MISP',
        leaf: l.pem,
        intermediates: [i.pem],
        trusted: [r.pem],
        time: '2026-06-01T00:00:00Z',
      }),
    ]);
    expect(out.code).toBe(0);
    expect(out.answers).toHaveLength(7);
    expect(out.answers[0]).toEqual({
      id: 'ok',
      valid: true,
      code: null,
      reason: 'valid',
      path: [sha(l.der), sha(i.der), sha(r.der)],
      profile: 'keymanager',
      warnings: [],
    });
    expect(out.answers[1]).toMatchObject({ id: null, valid: false, code: 'PD_RPC_001' });
    expect(out.answers[2]).toMatchObject({ id: 'bad-domain', valid: false, code: 'PMS_COR_002' });
    expect(out.answers[3]).toMatchObject({ id: 'expired', valid: false, code: 'KER-PCM-004' });
    expect(out.answers[4]).toMatchObject({ id: 'no-path', valid: false, code: 'KER-PCM-006' });
    expect(out.answers[5]).toMatchObject({ id: 'garbage', valid: false, code: 'KER-PCM-001' });
    expect(out.answers[6]).toMatchObject({ id: 'misp', valid: true, code: null });
    expect(out.err).toMatch(/verified 7 chain\(s\): 2 valid, 5 not/);
  });

  it('uses the local trust store of the domain when no trusted certificates are given', async () => {
    const core = openCore({
      hardware: createHardwareHub,
      dataDir: dir,
      publicUrl: 'http://127.0.0.1/',
      config: parseConfig({}),
      log: () => undefined,
    });
    await core.dispatch('setup.createAdmin', null, ADMIN);
    const login = await core.dispatch('auth.login', null, {
      login: 'admin',
      password: ADMIN.password,
    });
    if (!login.ok) throw new Error('login');
    const up = await core.dispatch('trustStore.upload', (login.result as { token: string }).token, {
      partnerDomain: 'DEVICE',
      fileName: 'r.pem',
      contentBase64: Buffer.from(r.pem).toString('base64'),
    });
    expect(up.ok).toBe(true);
    core.close();
    const out = verify([
      JSON.stringify({
        id: 1,
        domain: 'DEVICE',
        leaf: l.pem,
        intermediates: [i.pem],
        time: '2026-06-01T00:00:00Z',
      }),
      JSON.stringify({
        id: 2,
        domain: 'FTM',
        leaf: l.pem,
        intermediates: [i.pem],
        time: '2026-06-01T00:00:00Z',
      }),
    ]);
    expect(out.answers[0]).toMatchObject({ id: 1, valid: true });
    expect(out.answers[1]).toMatchObject({ id: 2, valid: false, code: 'KER-PCM-005' });
  });

  describe('--profile and a per-line "profile"', () => {
    // A root like MOSIP's reference device PKI: cA=TRUE not critical, no SKI/AKI.
    const mosipRoot = issue({ subject: 'CN=RootCA, O=Mosip', key: keyPair('p256') }, [
      ext.basicConstraints(true, undefined, false),
      ext.keyUsage([5, 6]),
    ]);
    const device = issue({ subject: 'CN=MosipFace, O=Mosip', issuer: mosipRoot, key: keyPair('p256') }, [
      ext.keyUsage([0]),
      ext.authorityKeyId(new Uint8Array([9])),
    ]);
    const line = (id: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        id,
        domain: 'DEVICE',
        leaf: device.pem,
        trusted: [mosipRoot.pem],
        time: '2026-06-01T00:00:00Z',
        ...extra,
      });

    it('keymanager (the default) accepts the MOSIP-like root and lists its leniencies; strict refuses it; a line may choose', () => {
      const byDefault = verify([line('default'), line('line-says-strict', { profile: 'strict' })]);
      expect(byDefault.answers[0]).toMatchObject({
        id: 'default',
        valid: true,
        profile: 'keymanager',
        warnings: ['PD_PKI_W04', 'PD_PKI_W05'],
      });
      expect(byDefault.answers[1]).toMatchObject({
        valid: false,
        code: 'PD_PKI_001',
        profile: 'strict',
      });
      const strict = verify(
        [line('strict'), line('line-says-keymanager', { profile: 'keymanager' })],
        ['--profile', 'strict'],
      );
      expect(strict.answers[0]).toMatchObject({
        id: 'strict',
        valid: false,
        code: 'PD_PKI_001',
        profile: 'strict',
        warnings: [],
      });
      expect(strict.answers[1]).toMatchObject({
        id: 'line-says-keymanager',
        valid: true,
        profile: 'keymanager',
      });
    }, 90_000);

    it('refuses an unknown profile: on the command line with exit 2, on a line with PMS_COR_002 and the run goes on', () => {
      const bad = verify([line('x')], ['--profile', 'lenient']);
      expect(bad.code).toBe(2);
      expect(bad.answers).toEqual([]);
      expect(bad.err).toMatch(/--profile must be strict or keymanager/);
      const badLine = verify([line('bad', { profile: 'lenient' }), line('good')]);
      expect(badLine.answers[0]).toMatchObject({
        id: 'bad',
        valid: false,
        code: 'PMS_COR_002',
        profile: null,
      });
      expect(badLine.answers[0]!.reason).toMatch(/^profile: /);
      expect(badLine.answers[1]).toMatchObject({ id: 'good', valid: true });
    }, 90_000);
  });
});

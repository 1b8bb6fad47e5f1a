import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateVirtualPki } from '../../native/virtual/pki-store.ts';
import { createTrustStore, parseCertificate, validateCertificatePath } from '../../lib/pki/index.ts';
import type { ParsedCert } from '../../lib/pki/index.ts';
import { aesKeyWrap } from '../../lib/keys/wrap.ts';
import { exportPkcs8 } from '../../lib/certificates/issuer.ts';

const NOW = new Date('2026-11-21T10:00:00Z');
const KEK = randomBytes(32);
const ORGS = {
  deviceOrg: 'Sentinel Biometrics',
  ftmOrg: 'SecureSilicon FTM',
  now: NOW,
  keyWrap: aesKeyWrap(KEK),
};
const parsed = (der: Uint8Array) => parseCertificate(der) as ParsedCert;

describe('virtual PKI store', () => {
  it('creates once, then reloads the same roots; certificates issued after reload chain to them', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pd-vpki-')), 'virtual-sbi', 'pki.json');
    const first = await loadOrCreateVirtualPki(file, ORGS);
    expect(first.created).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/never trust these roots in production/);
    const again = await loadOrCreateVirtualPki(file, ORGS);
    expect(again.created).toBe(false);
    expect(Buffer.from(again.pki.deviceCa.der).equals(Buffer.from(first.pki.deviceCa.der))).toBe(true);
    expect(Buffer.from(again.pki.ftmRoot.der).equals(Buffer.from(first.pki.ftmRoot.der))).toBe(true);

    const device = await again.pki.issueDeviceCert('SB0000000001');
    const chip = await again.pki.issueChipCert('FTM000000001');
    const trust = createTrustStore([
      { cert: first.pki.deviceCa.der, domain: 'DEVICE', role: 'anchor' },
      { cert: first.pki.ftmRoot.der, domain: 'FTM', role: 'anchor' },
    ]);
    expect(validateCertificatePath({ leaf: parsed(device.der), domain: 'DEVICE', trust, at: NOW }).ok).toBe(true);
    expect(validateCertificatePath({ leaf: parsed(chip.der), domain: 'FTM', trust, at: NOW }).ok).toBe(true);
    // a device certificate does not chain in the FTM domain
    expect(validateCertificatePath({ leaf: parsed(device.der), domain: 'FTM', trust, at: NOW }).ok).toBe(false);
  });

  it('replaces the PKI when the organisations change or the file is damaged', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pd-vpki-')), 'pki.json');
    const first = await loadOrCreateVirtualPki(file, ORGS);
    const renamed = await loadOrCreateVirtualPki(file, { ...ORGS, deviceOrg: 'Other Devices' });
    expect(renamed.created).toBe(true);
    expect(Buffer.from(renamed.pki.deviceCa.der).equals(Buffer.from(first.pki.deviceCa.der))).toBe(false);
    writeFileSync(file, '{"version":1,"deviceCa":');
    expect((await loadOrCreateVirtualPki(file, ORGS)).created).toBe(true);
    writeFileSync(file, JSON.stringify({ version: 2 }));
    expect((await loadOrCreateVirtualPki(file, ORGS)).created).toBe(true);
  });

  it('never writes a private key in clear: a copy of the file without the host key signs nothing (issue 12 item 9)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pd-vpki-')), 'pki.json');
    const { pki } = await loadOrCreateVirtualPki(file, ORGS);
    const text = readFileSync(file, 'utf8');
    for (const id of [pki.deviceCa, pki.ftmRoot, pki.encryption]) {
      const pkcs8 = Buffer.from(await exportPkcs8(id.webKey));
      expect(text).not.toContain(pkcs8.toString('base64'));
      expect(text).not.toContain(pkcs8.subarray(0, 48).toString('base64'));
    }
    expect(text).not.toMatch(/"pkcs8"|PRIVATE KEY/);
    // whoever copies the file but not the key-encryption key gets no key out of it: a new PKI instead
    const thief = await loadOrCreateVirtualPki(file, {
      ...ORGS,
      keyWrap: aesKeyWrap(randomBytes(32)),
    });
    expect(thief.created).toBe(true);
    expect(Buffer.from(thief.pki.deviceCa.der).equals(Buffer.from(pki.deviceCa.der))).toBe(false);
  });

  it('rewrites a version-1 file (keys in clear) wrapped, keeping the same roots', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pd-vpki-')), 'pki.json');
    const { pki } = await loadOrCreateVirtualPki(file, ORGS);
    const plain = async (id: typeof pki.deviceCa) => ({
      der: Buffer.from(id.der).toString('base64'),
      pkcs8: Buffer.from(await exportPkcs8(id.webKey)).toString('base64'),
    });
    const v1 = {
      note: 'old',
      version: 1,
      deviceOrg: ORGS.deviceOrg,
      ftmOrg: ORGS.ftmOrg,
      leafDays: 365,
      deviceCa: await plain(pki.deviceCa),
      ftmRoot: await plain(pki.ftmRoot),
      encryption: await plain(pki.encryption),
    };
    writeFileSync(file, JSON.stringify(v1));
    const loaded = await loadOrCreateVirtualPki(file, ORGS);
    expect(loaded.created).toBe(false);
    expect(Buffer.from(loaded.pki.deviceCa.der).equals(Buffer.from(pki.deviceCa.der))).toBe(true);
    const rewritten = readFileSync(file, 'utf8');
    expect(JSON.parse(rewritten)).toMatchObject({ version: 2 });
    expect(rewritten).not.toContain(v1.deviceCa.pkcs8);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

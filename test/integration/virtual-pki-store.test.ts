import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateVirtualPki } from '../../native/virtual/pki-store.ts';
import { createTrustStore, parseCertificate, validateCertificatePath } from '../../main/core/pki/index.ts';
import type { ParsedCert } from '../../main/core/pki/index.ts';

const NOW = new Date('2026-11-21T10:00:00Z');
const ORGS = { deviceOrg: 'Sentinel Biometrics', ftmOrg: 'SecureSilicon FTM', now: NOW };
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
});

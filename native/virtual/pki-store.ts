/**
 * Keeps the virtual devices' PKI across restarts, so the roots an admin trusted once stay trusted.
 * The file sits in the data directory, readable by the user only (as the web host's key file):
 * these keys sign test devices, never production data, and the file says so.
 */
import { createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { exportPkcs8, importSigningKey } from '../../main/core/certificates/issuer.ts';
import { x509 } from '../../main/core/certificates/x509.ts';
import { createVirtualPki, toPem, virtualPkiFrom } from './pki.ts';
import type { IssuedIdentity, VirtualPki, VirtualPkiOptions } from './pki.ts';

const Identity = z.object({ der: z.string().min(1), pkcs8: z.string().min(1) });
const StoredPki = z.object({
  note: z.string(),
  version: z.literal(1),
  deviceOrg: z.string().min(1),
  ftmOrg: z.string().min(1),
  leafDays: z.number().int().min(1),
  deviceCa: Identity,
  ftmRoot: Identity,
  encryption: Identity,
});

async function saveIdentity(id: IssuedIdentity): Promise<z.infer<typeof Identity>> {
  return { der: Buffer.from(id.der).toString('base64'), pkcs8: Buffer.from(await exportPkcs8(id.webKey)).toString('base64') };
}

async function loadIdentity(s: z.infer<typeof Identity>): Promise<IssuedIdentity> {
  const der = new Uint8Array(Buffer.from(s.der, 'base64'));
  const pkcs8 = Buffer.from(s.pkcs8, 'base64');
  return {
    der,
    pem: toPem(der),
    key: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    webKey: await importSigningKey(pkcs8),
    subject: new x509.X509Certificate(der).subject,
  };
}

/**
 * The PKI stored in `file` when its organisations match and its CAs are still valid at `now`;
 * otherwise a new one, written to `file`. A damaged file is replaced, never trusted half-read.
 */
export async function loadOrCreateVirtualPki(file: string, opts: VirtualPkiOptions & { now: Date }): Promise<{ pki: VirtualPki; created: boolean }> {
  if (existsSync(file)) {
    try {
      const stored = StoredPki.parse(JSON.parse(readFileSync(file, 'utf8')));
      const sameOrgs = stored.deviceOrg === opts.deviceOrg && stored.ftmOrg === opts.ftmOrg;
      const parts = { deviceCa: await loadIdentity(stored.deviceCa), ftmRoot: await loadIdentity(stored.ftmRoot), encryption: await loadIdentity(stored.encryption) };
      const valid = [parts.deviceCa, parts.ftmRoot, parts.encryption].every((p) => new x509.X509Certificate(p.der).notAfter.getTime() > opts.now.getTime());
      // Leaf certificates are issued at the caller's time, as for a new PKI (not the wall clock).
      if (sameOrgs && valid) return { pki: virtualPkiFrom({ ...parts, deviceOrg: stored.deviceOrg, ftmOrg: stored.ftmOrg, leafDays: stored.leafDays, now: opts.now }), created: false };
    } catch {
      // fall through: a new PKI replaces a file that cannot be read
    }
  }
  const pki = await createVirtualPki(opts);
  const stored: z.infer<typeof StoredPki> = {
    note: 'Partner Desk virtual SBI test PKI. Test devices only; never trust these roots in production.',
    version: 1,
    deviceOrg: opts.deviceOrg,
    ftmOrg: opts.ftmOrg,
    leafDays: opts.leafDays ?? 365,
    deviceCa: await saveIdentity(pki.deviceCa),
    ftmRoot: await saveIdentity(pki.ftmRoot),
    encryption: await saveIdentity(pki.encryption),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return { pki, created: true };
}

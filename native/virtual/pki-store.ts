/**
 * Keeps the virtual devices' PKI across restarts, so the roots an admin trusted once stay trusted.
 * The file sits in the data directory, readable by the user only, and its private keys are stored
 * wrapped (AES-256-GCM) under the host's key-encryption key, like the signing CA's: a copy of the
 * file alone signs nothing. These keys sign test devices, never production data, and the file says so.
 */
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { exportPkcs8, importSigningKey } from '../../lib/certificates/issuer.ts';
import { x509 } from '../../lib/certificates/x509.ts';
import type { KeyWrap } from '../../lib/keys/wrap.ts';
import { ensurePrivateDir, writePrivateFile } from '../../lib/private-files.ts';
import { clockOf, createVirtualPki, toPem, virtualPkiFrom } from './pki.ts';
import type { IssuedIdentity, VirtualPki, VirtualPkiOptions } from './pki.ts';

const PlainIdentity = z.object({ der: z.string().min(1), pkcs8: z.string().min(1) });
const WrappedIdentity = z.object({ der: z.string().min(1), wrappedKey: z.string().min(1) });
const Common = {
  note: z.string(),
  deviceOrg: z.string().min(1),
  ftmOrg: z.string().min(1),
  leafDays: z.number().int().min(1),
};
/** Version 1 kept the keys in clear; it is read once and rewritten as version 2. */
const StoredV1 = z.object({
  ...Common,
  version: z.literal(1),
  deviceCa: PlainIdentity,
  ftmRoot: PlainIdentity,
  encryption: PlainIdentity,
});
const StoredV2 = z.object({
  ...Common,
  version: z.literal(2),
  deviceCa: WrappedIdentity,
  ftmRoot: WrappedIdentity,
  encryption: WrappedIdentity,
});
const Stored = z.discriminatedUnion('version', [StoredV1, StoredV2]);

export interface VirtualPkiStoreOptions extends VirtualPkiOptions {
  /** The core's clock: leaf certificates are issued at its time, never the system clock's. */
  now: Date | (() => Date);
  keyWrap: KeyWrap;
}

type Keys = Record<'deviceCa' | 'ftmRoot' | 'encryption', { der: Uint8Array; pkcs8: Buffer }>;

function saveIdentity(id: { der: Uint8Array; pkcs8: Buffer }, keyWrap: KeyWrap): z.infer<typeof WrappedIdentity> {
  return {
    der: Buffer.from(id.der).toString('base64'),
    wrappedKey: keyWrap.wrap(id.pkcs8).toString('base64'),
  };
}

async function keysOf(pki: VirtualPki): Promise<Keys> {
  const one = async (id: IssuedIdentity) => ({
    der: id.der,
    pkcs8: Buffer.from(await exportPkcs8(id.webKey)),
  });
  return {
    deviceCa: await one(pki.deviceCa),
    ftmRoot: await one(pki.ftmRoot),
    encryption: await one(pki.encryption),
  };
}

async function loadIdentity(der64: string, pkcs8: Buffer): Promise<IssuedIdentity> {
  const der = new Uint8Array(Buffer.from(der64, 'base64'));
  return {
    der,
    pem: toPem(der),
    key: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
    webKey: await importSigningKey(pkcs8),
    subject: new x509.X509Certificate(der).subject,
  };
}

function keyOf(s: z.infer<typeof PlainIdentity> | z.infer<typeof WrappedIdentity>, keyWrap: KeyWrap): Buffer {
  return 'pkcs8' in s ? Buffer.from(s.pkcs8, 'base64') : keyWrap.unwrap(Buffer.from(s.wrappedKey, 'base64'));
}

function write(
  file: string,
  keys: Keys,
  meta: { deviceOrg: string; ftmOrg: string; leafDays: number },
  keyWrap: KeyWrap,
): void {
  const stored: z.infer<typeof StoredV2> = {
    note: 'Partner Desk virtual SBI test PKI. Test devices only; never trust these roots in production.',
    version: 2,
    ...meta,
    deviceCa: saveIdentity(keys.deviceCa, keyWrap),
    ftmRoot: saveIdentity(keys.ftmRoot, keyWrap),
    encryption: saveIdentity(keys.encryption, keyWrap),
  };
  ensurePrivateDir(dirname(file));
  writePrivateFile(file, JSON.stringify(stored, null, 2));
}

/**
 * The PKI stored in `file` when its organisations match and its CAs are still valid at `now`;
 * otherwise a new one, written to `file`. A damaged file, or one wrapped under another key, is
 * replaced, never trusted half-read. A version-1 file (keys in clear) is rewritten wrapped.
 */
export async function loadOrCreateVirtualPki(
  file: string,
  opts: VirtualPkiStoreOptions,
): Promise<{ pki: VirtualPki; created: boolean }> {
  const clock = clockOf(opts.now);
  if (existsSync(file)) {
    try {
      const stored = Stored.parse(JSON.parse(readFileSync(file, 'utf8')));
      const sameOrgs = stored.deviceOrg === opts.deviceOrg && stored.ftmOrg === opts.ftmOrg;
      const keys: Keys = {
        deviceCa: {
          der: Buffer.from(stored.deviceCa.der, 'base64'),
          pkcs8: keyOf(stored.deviceCa, opts.keyWrap),
        },
        ftmRoot: {
          der: Buffer.from(stored.ftmRoot.der, 'base64'),
          pkcs8: keyOf(stored.ftmRoot, opts.keyWrap),
        },
        encryption: {
          der: Buffer.from(stored.encryption.der, 'base64'),
          pkcs8: keyOf(stored.encryption, opts.keyWrap),
        },
      };
      const parts = {
        deviceCa: await loadIdentity(stored.deviceCa.der, keys.deviceCa.pkcs8),
        ftmRoot: await loadIdentity(stored.ftmRoot.der, keys.ftmRoot.pkcs8),
        encryption: await loadIdentity(stored.encryption.der, keys.encryption.pkcs8),
      };
      const valid = [parts.deviceCa, parts.ftmRoot, parts.encryption].every(
        (p) => new x509.X509Certificate(p.der).notAfter.getTime() > clock().getTime(),
      );
      if (sameOrgs && valid) {
        const meta = {
          deviceOrg: stored.deviceOrg,
          ftmOrg: stored.ftmOrg,
          leafDays: stored.leafDays,
        };
        // issued certificates start at the caller's clock, as for a new PKI (tests move it)
        const pki = virtualPkiFrom({ ...parts, ...meta, now: clock });
        if (stored.version === 1) write(file, keys, meta, opts.keyWrap);
        return { pki, created: false };
      }
    } catch {
      // fall through: a new PKI replaces a file that cannot be read
    }
  }
  const pki = await createVirtualPki({ ...opts, now: clock });
  write(
    file,
    await keysOf(pki),
    { deviceOrg: opts.deviceOrg, ftmOrg: opts.ftmOrg, leafDays: opts.leafDays ?? 365 },
    opts.keyWrap,
  );
  return { pki, created: true };
}

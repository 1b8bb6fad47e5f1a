import type { ReadDb, WriteDb } from '../context.ts';
import type { CoreDeps } from '../deps.ts';
import {
  exportPkcs8,
  generateRsaKeys,
  importSigningKey,
  issueCertificate,
  KeyUsage,
  serialFrom,
  subjectKeyIdOf,
} from '../../../lib/certificates/issuer.ts';
import type { CryptoKey } from '../../../lib/certificates/x509.ts';
import { addYears } from '../calendar.ts';

/** The deployment's own signing CA: what keymanager's PMS master key is in MOSIP. */
export interface SigningCa {
  certDer: Uint8Array;
  key: CryptoKey;
  subjectKeyId: ArrayBuffer | undefined;
}

export interface NewSigningCa {
  ca: SigningCa;
  wrappedKey: Buffer;
}

export async function loadSigningCa(db: ReadDb | WriteDb, deps: CoreDeps): Promise<SigningCa | null> {
  const row = db
    .prepare("SELECT certificate_der, wrapped_private_key FROM signing_key WHERE purpose = 'partner-signing'")
    .get() as { certificate_der: Buffer; wrapped_private_key: Buffer } | undefined;
  if (!row) return null;
  const certDer = new Uint8Array(row.certificate_der);
  const key = await importSigningKey(deps.keyWrap.unwrap(row.wrapped_private_key));
  return { certDer, key, subjectKeyId: subjectKeyIdOf(certDer) };
}

/** A new RSA-2048 self-signed CA, valid 10 years; its private key leaves here only wrapped. */
export async function createSigningCa(deps: CoreDeps, now: Date, orgName: string): Promise<NewSigningCa> {
  const keys = await generateRsaKeys();
  const org = orgName.replace(/[,+"\\<>;=]/g, ' ').trim() || 'Partner Desk';
  const certDer = await issueCertificate({
    subject: `CN=Partner Desk Partner Signing CA, O=${org}`,
    issuer: 'self',
    signingKey: keys.privateKey,
    publicKey: keys.publicKey,
    serialHex: serialFrom(deps.randomBytes(16)),
    notBefore: now,
    notAfter: addYears(now, 10),
    ca: true,
    pathLength: 0,
    keyUsages: KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature,
  });
  const wrappedKey = deps.keyWrap.wrap(Buffer.from(await exportPkcs8(keys.privateKey)));
  return {
    ca: { certDer, key: keys.privateKey, subjectKeyId: subjectKeyIdOf(certDer) },
    wrappedKey,
  };
}

/** Stores a CA made in `prepare`; false when another command stored one first. */
export function storeSigningCa(db: WriteDb, created: NewSigningCa, time: string): boolean {
  const r = db
    .prepare(
      "INSERT INTO signing_key (purpose, certificate_der, wrapped_private_key, created_at) VALUES ('partner-signing', ?, ?, ?) ON CONFLICT (purpose) DO NOTHING",
    )
    .run(Buffer.from(created.ca.certDer), created.wrappedKey, time);
  return r.changes === 1;
}

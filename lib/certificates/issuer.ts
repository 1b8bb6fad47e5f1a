import { x509, subtle } from './x509.ts';
import type { CryptoKey, CryptoKeyPair } from './x509.ts';

/** RSA 2048 with SHA-256, keymanager's default signing algorithm (SHA256withRSA). */
export const RSA_SHA256 = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
} as const;

export interface IssueParams {
  /** Subject as a DN string or the exact DER of an existing subject (kept byte for byte). */
  subject: string | ArrayBuffer;
  issuer: { name: string | ArrayBuffer; signingKey: CryptoKey; subjectKeyId?: ArrayBuffer | undefined } | 'self';
  publicKey: CryptoKey | ArrayBuffer;
  signingKey?: CryptoKey;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  pathLength?: number;
  keyUsages: number;
  extendedKeyUsages?: string[];
  /**
   * `mosip-reference`: basicConstraints not critical and no key identifiers, as the root of MOSIP's
   * reference device PKI (accepted by the keymanager trust profile, refused by strict). Tests only.
   */
  style?: 'rfc5280' | 'mosip-reference';
  /** subjectAltName entries (a TLS server certificate names its hosts here, RFC 6125). */
  altNames?: Array<{ type: 'dns' | 'ip'; value: string }>;
}

const nameOf = (n: string | ArrayBuffer) => (typeof n === 'string' ? n : new x509.Name(n));

/** Issues an X.509 v3 certificate and returns its DER. */
export async function issueCertificate(p: IssueParams): Promise<Uint8Array> {
  const spki = p.publicKey instanceof ArrayBuffer ? p.publicKey : await subtle.exportKey('spki', p.publicKey);
  const reference = p.style === 'mosip-reference';
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(p.ca, p.ca ? p.pathLength : undefined, !reference),
    new x509.KeyUsagesExtension(p.keyUsages, true),
  ];
  if (!reference) extensions.push(await x509.SubjectKeyIdentifierExtension.create(spki));
  if (p.issuer !== 'self' && p.issuer.subjectKeyId)
    extensions.push(new x509.AuthorityKeyIdentifierExtension(Buffer.from(p.issuer.subjectKeyId).toString('hex')));
  if (p.extendedKeyUsages?.length) extensions.push(new x509.ExtendedKeyUsageExtension(p.extendedKeyUsages, false));
  if (p.altNames?.length) extensions.push(new x509.SubjectAlternativeNameExtension(p.altNames, false));
  const signingKey = p.issuer === 'self' ? p.signingKey : p.issuer.signingKey;
  if (!signingKey) throw new Error('a self-signed certificate needs signingKey');
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: p.serialHex,
    subject: nameOf(p.subject),
    issuer: p.issuer === 'self' ? nameOf(p.subject) : nameOf(p.issuer.name),
    notBefore: p.notBefore,
    notAfter: p.notAfter,
    publicKey: spki,
    signingKey,
    signingAlgorithm:
      signingKey.algorithm.name === 'ECDSA'
        ? { name: 'ECDSA', hash: 'SHA-256' }
        : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    extensions,
  });
  return new Uint8Array(cert.rawData);
}

export async function generateRsaKeys(): Promise<CryptoKeyPair> {
  return subtle.generateKey(RSA_SHA256, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

export async function importSigningKey(pkcs8: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
}

export async function exportPkcs8(key: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle.exportKey('pkcs8', key));
}

/** A random positive 128-bit serial number (RFC 5280 allows up to 20 octets). */
export function serialFrom(random: Buffer): string {
  const bytes = Buffer.from(random.subarray(0, 16));
  bytes[0] = bytes[0]! & 0x7f;
  if (bytes[0] === 0) bytes[0] = 1;
  return bytes.toString('hex');
}

export const KeyUsage = x509.KeyUsageFlags;

export function subjectKeyIdOf(der: Uint8Array): ArrayBuffer | undefined {
  const ext = new x509.X509Certificate(der).getExtension(x509.SubjectKeyIdentifierExtension);
  return ext ? new Uint8Array(Buffer.from(ext.keyId, 'hex')).buffer : undefined;
}

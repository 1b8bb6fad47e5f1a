import { AppError } from '../../contract/index.ts';
import { x509 } from '../../../lib/certificates/x509.ts';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/**
 * An uploaded `.cer`/`.pem`/`.p7b` file to the DER certificates it holds, in file order:
 * PEM (one or more CERTIFICATE blocks, or a PKCS7 block), raw DER, or base64 text of either.
 * A file that holds no certificate at all is refused with keymanager's KER-PCM-001.
 */
export function certificatesInFile(contentBase64: string): Uint8Array[] {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw unreadable('The file is empty.');
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN')) return fromPem(text);
  const der = looksLikeDer(bytes) ? bytes : base64Text(text);
  if (!der) throw unreadable('The file is neither PEM nor DER.');
  return fromDer(der);
}

function unreadable(detail: string): AppError {
  return new AppError('KER-PCM-001', `The certificate cannot be read. ${detail}`);
}

function looksLikeDer(bytes: Buffer): boolean {
  return bytes[0] === 0x30;
}

function base64Text(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) return null;
  const der = Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return looksLikeDer(der) ? der : null;
}

function fromPem(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const label = m[1]!;
    const der = Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64');
    if (label === 'CERTIFICATE' || label === 'X509 CERTIFICATE') out.push(new Uint8Array(der));
    else if (label === 'PKCS7' || label === 'CMS') out.push(...pkcs7(der));
    else throw unreadable(`A "${label.slice(0, 40)}" block is not a certificate.`);
  }
  if (out.length === 0) throw unreadable('No certificate block was found.');
  return out;
}

function fromDer(der: Buffer): Uint8Array[] {
  try {
    return [new Uint8Array(new x509.X509Certificate(der).rawData)];
  } catch {
    return pkcs7(der);
  }
}

function pkcs7(der: Buffer): Uint8Array[] {
  let certs: x509.X509Certificates;
  try {
    certs = new x509.X509Certificates(der);
  } catch {
    throw unreadable('The data is not an X.509 certificate or a PKCS#7 bundle.');
  }
  if (certs.length === 0) throw unreadable('The PKCS#7 bundle holds no certificate.');
  return certs.map((c) => new Uint8Array(c.rawData));
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** A PKCS#7 (certs-only) bundle in PEM, as MOSIP serves chains. */
export function p7bPem(ders: readonly Uint8Array[]): string {
  const certs = new x509.X509Certificates(ders.map((d) => new x509.X509Certificate(d)));
  // OpenSSL and keymanager read the PKCS7 label; the library writes CMS.
  return certs.export('pem').replace(/-----(BEGIN|END) CMS-----/g, '-----$1 PKCS7-----');
}

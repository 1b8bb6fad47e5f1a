import { createHash } from 'node:crypto';
import { x509 } from '../../../lib/certificates/x509.ts';

const EXTENSION_NAMES: Record<string, string> = {
  '2.5.29.14': 'Subject Key Identifier',
  '2.5.29.15': 'Key Usage',
  '2.5.29.17': 'Subject Alternative Name',
  '2.5.29.19': 'Basic Constraints',
  '2.5.29.30': 'Name Constraints',
  '2.5.29.31': 'CRL Distribution Points',
  '2.5.29.32': 'Certificate Policies',
  '2.5.29.35': 'Authority Key Identifier',
  '2.5.29.37': 'Extended Key Usage',
  '1.3.6.1.5.5.7.1.1': 'Authority Information Access',
};
const KEY_USAGES: Array<[number, string]> = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
  [x509.KeyUsageFlags.encipherOnly, 'encipherOnly'],
  [x509.KeyUsageFlags.decipherOnly, 'decipherOnly'],
];
const EKU_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
};

export interface Identity {
  subject: string;
  issuer: string;
  issuedTo: string;
  issuedBy: string;
  organization: string | null;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  thumbprint: string;
}

/** Common name (else organisation, else the whole DN): what MOSIP lists as "issued to/by". */
function displayName(name: x509.Name, whole: string): string {
  return name.getField('CN')[0] ?? name.getField('O')[0] ?? whole;
}

export function identityOf(der: Uint8Array): Identity {
  const cert = new x509.X509Certificate(der);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    issuedTo: displayName(cert.subjectName, cert.subject),
    issuedBy: displayName(cert.issuerName, cert.issuer),
    organization: cert.subjectName.getField('O')[0] ?? null,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    thumbprint: createHash('sha256').update(der).digest('hex'),
  };
}

function describeKey(cert: x509.X509Certificate): string {
  const alg = cert.publicKey.algorithm as {
    name: string;
    modulusLength?: number;
    namedCurve?: string;
  };
  if (alg.namedCurve) return `EC ${alg.namedCurve}`;
  return alg.modulusLength ? `RSA ${alg.modulusLength} bits` : alg.name;
}

function describeValue(ext: x509.Extension): string {
  if (ext instanceof x509.BasicConstraintsExtension)
    return `CA: ${ext.ca}${ext.pathLength !== undefined ? `, path length ${ext.pathLength}` : ''}`;
  if (ext instanceof x509.SubjectKeyIdentifierExtension) return ext.keyId;
  if (ext instanceof x509.AuthorityKeyIdentifierExtension) return ext.keyId ?? '';
  if (ext instanceof x509.KeyUsagesExtension) return keyUsageNames(ext.usages).join(', ');
  if (ext instanceof x509.ExtendedKeyUsageExtension)
    return ext.usages.map((u) => EKU_NAMES[String(u)] ?? String(u)).join(', ');
  if (ext instanceof x509.SubjectAlternativeNameExtension)
    return ext.names.items.map((n) => `${n.type}:${n.value}`).join(', ');
  return Buffer.from(ext.value).toString('hex').slice(0, 120);
}

function keyUsageNames(flags: number): string[] {
  return KEY_USAGES.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
}

/** Everything the detail views show about a certificate. */
export function detailsOf(der: Uint8Array) {
  const cert = new x509.X509Certificate(der);
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const sig = cert.signatureAlgorithm as { name: string; hash?: { name: string } };
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serialNumber: cert.serialNumber,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    sha256Thumbprint: createHash('sha256').update(der).digest('hex'),
    sha1Thumbprint: createHash('sha1').update(der).digest('hex'),
    publicKey: describeKey(cert),
    signatureAlgorithm: sig.hash ? `${sig.name} with ${sig.hash.name}` : sig.name,
    keyUsage: ku ? keyUsageNames(ku.usages) : [],
    extendedKeyUsage: eku ? eku.usages.map((u) => EKU_NAMES[String(u)] ?? String(u)) : [],
    extensions: cert.extensions.map((e) => ({
      oid: e.type,
      name: EXTENSION_NAMES[e.type] ?? e.type,
      critical: e.critical,
      value: describeValue(e),
    })),
  };
}

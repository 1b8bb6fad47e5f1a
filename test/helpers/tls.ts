import { x509, subtle } from '../../lib/certificates/x509.ts';
import type { CryptoKeyPair } from '../../lib/certificates/x509.ts';

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trim()}\n-----END ${label}-----\n`;

/** A self-signed P-256 server certificate for 127.0.0.1 and localhost, as a TLS test server needs it. */
export async function selfSignedServerTls(): Promise<{ key: string; cert: string }> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
  const keys = (await subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=localhost',
    // fixed and wide, so no test depends on today's date
    notBefore: new Date('2000-01-01T00:00:00Z'),
    notAfter: new Date('2099-12-31T00:00:00Z'),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
    ],
  });
  return {
    key: pem('PRIVATE KEY', await subtle.exportKey('pkcs8', keys.privateKey)),
    cert: cert.toString('pem'),
  };
}

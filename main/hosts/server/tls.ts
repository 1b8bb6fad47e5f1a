import { createPrivateKey, webcrypto, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import type { Core } from '../../core/index.ts';
import { issueCertificate, KeyUsage, serialFrom } from '../../../lib/certificates/issuer.ts';
import { loadSigningCa } from '../../core/certificates/signing-ca.ts';
import { x509 } from '../../../lib/certificates/x509.ts';

/** What the HTTPS server is given, and what the operator is told to hand to desks. */
export interface ServerTls {
  /** PEM: the server certificate, then the signing CA when it was issued here. */
  cert: string;
  key: string;
  /** SHA-256 of the server certificate's DER, as `AB:CD:…` (what desks pin). */
  fingerprint256: string;
  notAfter: Date;
  source: 'config' | 'stored' | 'issued';
}

export class ServerSetupError extends Error {
  override name = 'ServerSetupError';
}

const DAY_MS = 86_400_000;
/** Browsers refuse server certificates valid for more than 398 days. */
const VALIDITY_DAYS = 397;
/** A stored certificate is replaced this long before it expires. */
const RENEW_BEFORE_DAYS = 30;
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';

const pem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der)
    .toString('base64')
    .replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;

function coversAll(cert: X509Certificate, hostNames: readonly string[]): boolean {
  return hostNames.every((name) =>
    isIP(name) ? cert.checkIP(name) !== undefined : cert.checkHost(name) !== undefined,
  );
}

/** A certificate and key the operator configured (paths relative to the data directory). */
function fromConfig(
  dataDir: string,
  files: { certFile: string; keyFile: string },
  hostNames: readonly string[],
  now: Date,
): ServerTls {
  const read = (file: string) => {
    try {
      return readFileSync(resolve(dataDir, file), 'utf8');
    } catch (err) {
      throw new ServerSetupError(`server.tls: cannot read ${file} (${(err as Error).message})`);
    }
  };
  const cert = read(files.certFile);
  const key = read(files.keyFile);
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
    if (!leaf.checkPrivateKey(createPrivateKey(key))) throw new Error('the key does not belong to the certificate');
  } catch (err) {
    throw new ServerSetupError(`server.tls: ${(err as Error).message}`);
  }
  const notAfter = new Date(leaf.validTo);
  if (notAfter <= now) throw new ServerSetupError(`server.tls: the certificate expired on ${notAfter.toISOString()}`);
  if (!coversAll(leaf, hostNames))
    throw new ServerSetupError(`server.tls: the certificate does not name every host name (${hostNames.join(', ')})`);
  return { cert, key, fingerprint256: leaf.fingerprint256, notAfter, source: 'config' };
}

/**
 * The server's TLS certificate: the configured one; else the one issued at an earlier start while it
 * still names every host, still comes from the current signing CA and is not near expiry; else a new
 * one from the deployment's signing CA. The private key rests only wrapped under the host's KEK.
 */
export async function serverTls(core: Core, hostNames: readonly string[]): Promise<ServerTls> {
  const { dataDir, config, keyWrap } = core.deps;
  const now = core.deps.now();
  if (config.server.tls) return fromConfig(dataDir, config.server.tls, hostNames, now);

  const ca = await loadSigningCa(core.db.reader, core.deps);
  if (!ca) {
    throw new ServerSetupError(
      'this data directory has no signing CA yet: set it up first (`npm run cli -- create-admin`, or `--demo`), or configure server.tls with a certificate of your own',
    );
  }
  const caCert = new X509Certificate(Buffer.from(ca.certDer));
  const dir = join(dataDir, 'tls');
  const certFile = join(dir, 'server.crt');
  const keyFile = join(dir, 'server.key.wrapped');
  if (existsSync(certFile) && existsSync(keyFile)) {
    const cert = readFileSync(certFile, 'utf8');
    const leaf = new X509Certificate(cert);
    const notAfter = new Date(leaf.validTo);
    const key = keyWrap.unwrap(readFileSync(keyFile)).toString('utf8');
    const fresh = notAfter.getTime() - now.getTime() > RENEW_BEFORE_DAYS * DAY_MS;
    if (
      fresh &&
      leaf.verify(caCert.publicKey) &&
      coversAll(leaf, hostNames) &&
      leaf.checkPrivateKey(createPrivateKey(key))
    ) {
      return { cert, key, fingerprint256: leaf.fingerprint256, notAfter, source: 'stored' };
    }
  }

  const keys = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const caNotAfter = new Date(caCert.validTo).getTime();
  const notAfter = new Date(Math.min(now.getTime() + VALIDITY_DAYS * DAY_MS, caNotAfter));
  const subjectName = (hostNames[0] ?? 'localhost').replace(/[,+"\\<>;=]/g, '');
  const der = await issueCertificate({
    subject: `CN=${subjectName}, O=Partner Desk server`,
    // The CA's subject byte for byte, so path builders match it to the issuer exactly.
    issuer: {
      name: new x509.X509Certificate(ca.certDer).subjectName.toArrayBuffer(),
      signingKey: ca.key,
      subjectKeyId: ca.subjectKeyId,
    },
    publicKey: keys.publicKey,
    serialHex: serialFrom(core.deps.randomBytes(16)),
    // An hour back: a desk whose clock runs a little behind still accepts a certificate issued just now.
    notBefore: new Date(now.getTime() - 3600_000),
    notAfter,
    ca: false,
    keyUsages: KeyUsage.digitalSignature,
    extendedKeyUsages: [SERVER_AUTH],
    altNames: hostNames.map((value) => ({
      type: isIP(value) ? ('ip' as const) : ('dns' as const),
      value,
    })),
  });
  const key = pem('PRIVATE KEY', new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)));
  const cert = pem('CERTIFICATE', der) + caCert.toString();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Key first, certificate last: a crash in between leaves a certificate that no longer matches and is reissued.
  writeFileSync(`${keyFile}.tmp`, keyWrap.wrap(Buffer.from(key)), { mode: 0o600 });
  renameSync(`${keyFile}.tmp`, keyFile);
  writeFileSync(`${certFile}.tmp`, cert, { mode: 0o644 });
  renameSync(`${certFile}.tmp`, certFile);
  return {
    cert,
    key,
    fingerprint256: new X509Certificate(Buffer.from(der)).fingerprint256,
    notAfter,
    source: 'issued',
  };
}

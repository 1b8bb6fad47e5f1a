/**
 * The PKI behind the virtual devices (issue 6): a device provider CA that issues one certificate per
 * virtual device, an FTM root that issues chip certificates, and an encryption certificate standing
 * in for MOSIP's key for Auth CAPTURE. Generated at run time — nothing is shipped with a key in it —
 * so the admin imports the two roots into the trust store (DEVICE and FTM domains) with one action.
 */
import { createPrivateKey, randomBytes } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import {
  exportPkcs8,
  generateRsaKeys,
  issueCertificate,
  KeyUsage,
  serialFrom,
  subjectKeyIdOf,
} from '../../lib/certificates/issuer.ts';
import { x509 } from '../../lib/certificates/x509.ts';
import type { CryptoKey } from '../../lib/certificates/x509.ts';

const DAY = 86_400_000;

export interface IssuedIdentity {
  der: Uint8Array;
  pem: string;
  /** node:crypto key for signing (JWS, FTM SIGN). */
  key: KeyObject;
  /** WebCrypto key for issuing further certificates under this one. */
  webKey: CryptoKey;
  subject: string;
}

export interface VirtualPkiOptions {
  /** Organisation of the device provider: goes into O= of the CA and device certs (MOSIP's org check). */
  deviceOrg: string;
  /** Organisation of the FTM provider: O= of the FTM root and chip certs. */
  ftmOrg: string;
  /**
   * The time certificates are issued at: the caller's clock (the core's), or a fixed time. Leaf
   * certificates issued later (device keys, key rotation) read the clock then. Default: the system clock.
   */
  now?: Date | (() => Date);
  /** Validity of leaf certificates in days (CA certificates get ten times as long). */
  leafDays?: number;
  /**
   * `mosip-reference`: the two roots are built like MOSIP's reference device PKI (cA=TRUE not
   * critical, no SKI, so the certificates they issue carry no AKI either). Default `rfc5280`.
   */
  rootStyle?: 'rfc5280' | 'mosip-reference';
}

/** A clock from a fixed time or a clock; the system clock when neither is given. */
export const clockOf = (now: Date | (() => Date) | undefined): (() => Date) =>
  typeof now === 'function' ? now : now ? () => now : () => new Date();

export const toPem = (der: Uint8Array): string =>
  `-----BEGIN CERTIFICATE-----\n${(
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  ).join('\n')}\n-----END CERTIFICATE-----\n`;

// DN values go into a comma-separated string: keep them to characters that need no escaping.
const dnValue = (s: string) =>
  s
    .replace(/[,+="\\<>;#]/g, ' ')
    .trim()
    .slice(0, 64) || 'Unnamed';

async function issue(
  subject: string,
  issuer: IssuedIdentity | 'self',
  ca: boolean,
  from: Date,
  days: number,
  style: 'rfc5280' | 'mosip-reference' = 'rfc5280',
): Promise<IssuedIdentity> {
  const keys = await generateRsaKeys();
  const der = await issueCertificate({
    subject,
    issuer:
      issuer === 'self'
        ? 'self'
        : {
            name: subjectDer(issuer.der),
            signingKey: issuer.webKey,
            subjectKeyId: subjectKeyIdOf(issuer.der),
          },
    signingKey: keys.privateKey,
    publicKey: keys.publicKey,
    serialHex: serialFrom(randomBytes(16)),
    notBefore: new Date(from.getTime() - DAY),
    notAfter: new Date(from.getTime() + days * DAY),
    ca,
    ...(ca ? { pathLength: 1 } : {}),
    keyUsages: ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
    style,
  });
  const key = createPrivateKey({
    key: Buffer.from(await exportPkcs8(keys.privateKey)),
    format: 'der',
    type: 'pkcs8',
  });
  return { der, pem: toPem(der), key, webKey: keys.privateKey, subject };
}

/** The issuer name must be the CA's subject byte for byte; issueCertificate accepts the DER. */
const subjectDer = (der: Uint8Array): ArrayBuffer => new x509.X509Certificate(der).subjectName.toArrayBuffer();

export interface VirtualPki {
  deviceCa: IssuedIdentity;
  ftmRoot: IssuedIdentity;
  encryption: IssuedIdentity;
  /** A device signing certificate (CN = the device's serial), chained to deviceCa. */
  issueDeviceCert(serialNo: string): Promise<IssuedIdentity>;
  /** An FTM chip certificate (CN = the chip serial), chained to ftmRoot. */
  issueChipCert(serialNo: string): Promise<IssuedIdentity>;
}

export async function createVirtualPki(opts: VirtualPkiOptions): Promise<VirtualPki> {
  const clock = clockOf(opts.now);
  const now = clock();
  const leafDays = opts.leafDays ?? 365;
  const dev = dnValue(opts.deviceOrg);
  const ftm = dnValue(opts.ftmOrg);
  return virtualPkiFrom({
    deviceCa: await issue(`CN=${dev} Device CA,O=${dev},C=IN`, 'self', true, now, leafDays * 10, opts.rootStyle),
    ftmRoot: await issue(`CN=${ftm} FTM Root,O=${ftm},C=IN`, 'self', true, now, leafDays * 10, opts.rootStyle),
    encryption: await issue(`CN=Partner Desk bench encryption,O=Partner Desk,C=IN`, 'self', false, now, leafDays),
    deviceOrg: opts.deviceOrg,
    ftmOrg: opts.ftmOrg,
    leafDays,
    now: clock,
  });
}

/** The three long-lived identities plus what issuing needs; native/virtual/pki-store.ts saves and loads these. */
export interface VirtualPkiParts {
  deviceCa: IssuedIdentity;
  ftmRoot: IssuedIdentity;
  encryption: IssuedIdentity;
  deviceOrg: string;
  ftmOrg: string;
  leafDays: number;
  /** The clock leaf certificates are issued by (the core's); the system clock when absent. */
  now?: () => Date;
}

export function virtualPkiFrom(parts: VirtualPkiParts): VirtualPki {
  const dev = dnValue(parts.deviceOrg);
  const ftm = dnValue(parts.ftmOrg);
  const at = parts.now ?? (() => new Date());
  return {
    deviceCa: parts.deviceCa,
    ftmRoot: parts.ftmRoot,
    encryption: parts.encryption,
    issueDeviceCert: (serialNo) =>
      issue(`CN=${dnValue(serialNo)},OU=Devices,O=${dev},C=IN`, parts.deviceCa, false, at(), parts.leafDays),
    issueChipCert: (serialNo) =>
      issue(`CN=${dnValue(serialNo)},OU=FTM chips,O=${ftm},C=IN`, parts.ftmRoot, false, at(), parts.leafDays),
  };
}

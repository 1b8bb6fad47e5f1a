/**
 * Test-side SBI plumbing, written from sbi.md and independent of the device code: raw custom-verb
 * requests over node:http, JWS decoding by split + base64 + crypto.verify, the §2.4 hash chain, the
 * §2.5 decryption, and trust-chain checks with lib/pki.
 */
import { X509Certificate, constants, createDecipheriv, createHash, privateDecrypt, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { createTrustStore, validateCertificatePath } from '../../../lib/pki/index.ts';
import type { PartnerDomain, TrustStore, Verdict } from '../../../lib/pki/index.ts';

export interface SbiAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json: <T = unknown>() => T;
  ms: number;
}

export function sbiCall(
  port: number,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<SbiAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const b = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: b,
            text: b.toString('utf8'),
            json: <T>() => JSON.parse(b.toString('utf8')) as T,
            ms: performance.now() - started,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export interface Jws {
  header: { alg: string; typ?: string; x5c: string[] };
  payload: Record<string, unknown>;
  signerDer: Buffer;
  /** RS256 over `header.payload` with x5c[0]'s key. */
  signatureValid: boolean;
}

export function readJws(compact: string): Jws {
  const parts = compact.split('.');
  if (parts.length !== 3) throw new Error(`not a compact JWS: ${parts.length} parts`);
  const [h, p, s] = parts as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Jws['header'];
  const signerDer = Buffer.from(header.x5c[0]!, 'base64');
  const key = new X509Certificate(signerDer).publicKey;
  return {
    header,
    payload: JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>,
    signerDer,
    signatureValid: verify('sha256', Buffer.from(`${h}.${p}`, 'ascii'), key, Buffer.from(s, 'base64url')),
  };
}

export const decodeUnsigned = (b64url: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(b64url, 'base64url').toString('utf8')) as Record<string, unknown>;

export function trustFor(anchors: { device: string; ftm: string }): TrustStore {
  return createTrustStore([
    { cert: anchors.device, domain: 'DEVICE', role: 'anchor' },
    { cert: anchors.ftm, domain: 'FTM', role: 'anchor' },
  ]);
}

export const chain = (der: Uint8Array, domain: PartnerDomain, trust: TrustStore, at = new Date()): Verdict =>
  validateCertificatePath({ leaf: der, domain, trust, at });

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest();

/** hash_i = UPPER_HEX(SHA256(prev || SHA256(iso_i))), prev = hex(previousHash) or SHA256(""). */
export function expectedHashes(previousHash: string, isos: Buffer[]): string[] {
  let prev = previousHash.trim() === '' ? sha(Buffer.alloc(0)) : Buffer.from(previousHash, 'hex');
  return isos.map((iso) => {
    const h = sha(Buffer.concat([prev, sha(iso)]));
    prev = h;
    return h.toString('hex').toUpperCase();
  });
}

/** §2.5 in reverse: unwrap the session key with RSA-OAEP-256, AES-256-GCM with IV/AAD from timestamp ⊕ transactionId. */
export function decryptBioValue(
  privateKey: KeyObject,
  item: { sessionKey: string },
  data: { bioValue: string; timestamp: string; transactionId: string },
): Buffer {
  const ts = Buffer.from(data.timestamp, 'utf8');
  const tx = Buffer.from(data.transactionId, 'utf8');
  const n = Math.max(ts.length, tx.length);
  const a = Buffer.concat([Buffer.alloc(n - ts.length), ts]);
  const b = Buffer.concat([Buffer.alloc(n - tx.length), tx]);
  const xor = Buffer.alloc(n);
  for (let i = 0; i < n; i++) xor[i] = a[i]! ^ b[i]!;
  const key = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
    Buffer.from(item.sessionKey, 'base64url'),
  );
  const sealed = Buffer.from(data.bioValue, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, xor.subarray(n - 12));
  decipher.setAAD(xor.subarray(n - 16));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}

export const NO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export interface CaptureItem {
  specVersion: string;
  data: string;
  hash: string;
  sessionKey?: string;
  thumbprint?: string;
  error: { errorCode: string; errorInfo: string };
}

/** An RCAPTURE request as the CTK UI builds it (sbi.md §1.6), with overrides for bio[0]. */
export function rcapture(bio: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  return JSON.stringify({
    env: 'Developer',
    purpose: 'Registration',
    specVersion: '0.9.5',
    timeout: '10000',
    captureTime: new Date().toISOString(),
    transactionId: 'SBI1002-123',
    bio: [
      {
        type: 'Finger',
        count: '4',
        bioSubType: [],
        exception: [],
        requestedScore: '40',
        deviceId: '2',
        deviceSubId: '1',
        previousHash: '',
        ...bio,
      },
    ],
    customOpts: null,
    ...top,
  });
}

export function authCapture(bio: Record<string, unknown>, top: Record<string, unknown> = {}): string {
  return JSON.stringify({
    env: 'Developer',
    purpose: 'Auth',
    specVersion: '0.9.5',
    timeout: '10000',
    captureTime: new Date().toISOString(),
    domainUri: 'https://auth.example',
    transactionId: 'SBI1018-456',
    bio: [
      {
        type: 'Finger',
        count: '1',
        bioSubType: ['UNKNOWN'],
        requestedScore: '40',
        deviceId: '4',
        deviceSubId: '0',
        previousHash: '',
        ...bio,
      },
    ],
    customOpts: null,
    ...top,
  });
}

/** Deadline-bounded polling of in-process state (no fixed sleeps). */
export async function until(what: string, test: () => boolean, ms = 3000): Promise<void> {
  const end = performance.now() + ms;
  while (!test()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

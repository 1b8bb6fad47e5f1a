/**
 * Differential testing against the OpenSSL CLI (issue 21): leaf certificates built from a fixed
 * seed with a random set of known features (encodings and profile rules), re-signed by a proper
 * root, judged by the desk under both profiles and by `openssl verify` (default and -x509_strict).
 */
import { spawnSync } from 'node:child_process';
import { sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCertificatePath } from '../../lib/pki/index.ts';
import type { TrustProfile, Verdict } from '../../lib/pki/index.ts';
import { AT, der, ext, issue, keyPair, nameDer, root, trustFor } from '../helpers/pki.ts';
import type { CertSpec, ExtensionSpec, TestCert } from '../helpers/pki.ts';
import { rng } from '../fault/random.ts';

const attr = (oid: string, value: Uint8Array) => der.set(der.seq(der.oid(oid), value));
const printable = (s: string) => der.tlv(0x13, new Uint8Array(Buffer.from(s)));

export interface Leaf {
  subject: Uint8Array | null;
  serial?: number | bigint | Uint8Array;
  signature?: CertSpec['signature'];
  exts: ExtensionSpec[];
}

/** Each feature edits the leaf; the name says what it is, for the list of known differences. */
export const FEATURES: Record<string, (l: Leaf, root: TestCert) => void> = {
  'country-integer': (l) => void (l.subject = der.seq(attr('2.5.4.6', der.tlv(0x02, new Uint8Array([0x49, 0x4e]))), attr('2.5.4.3', der.utf8('Diff Leaf')))),
  'country-utf8': (l) => void (l.subject = der.seq(attr('2.5.4.6', der.utf8('IN')), attr('2.5.4.3', der.utf8('Diff Leaf')))),
  'cn-octet-string': (l) => void (l.subject = der.seq(attr('2.5.4.3', der.tlv(0x04, new Uint8Array(Buffer.from('Diff Leaf')))))),
  'printable-at-sign': (l) => void (l.subject = der.seq(attr('2.5.4.11', printable('a@b')), attr('2.5.4.3', der.utf8('Diff Leaf')))),
  'explicit-critical-false': (l) => void l.exts.push({ ...ext.extKeyUsage(['1.3.6.1.5.5.7.3.2']), explicitFalse: true }),
  'explicit-ca-false': (l) => void l.exts.push(ext.raw('2.5.29.19', der.seq(der.bool(false)), true)),
  'ku-padding-bit': (l) => replace(l, ext.raw('2.5.29.15', der.bits(new Uint8Array([0x81]), 1), true)),
  'ku-trailing-zeros': (l) => replace(l, ext.raw('2.5.29.15', der.bits(new Uint8Array([0x80, 0x00]), 0), true)),
  'ecdsa-null-params': (l) => void (l.signature = 'ecdsa-null-params'),
  'serial-zero': (l) => void (l.serial = 0),
  'serial-negative': (l) => void (l.serial = -7),
  'serial-21-octets': (l) => void (l.serial = new Uint8Array([0x01, ...new Array<number>(20).fill(9)])),
  'no-aki': (l) => void (l.exts = l.exts.filter((e) => e.oid !== '2.5.29.35')),
  'aki-critical': (l, r) => replace(l, ext.authorityKeyId(r.keyId, true)),
  'aki-mismatch': (l) => replace(l, ext.authorityKeyId(new Uint8Array(20).fill(0xab))),
  'ski-critical': (l) => void l.exts.push(ext.subjectKeyId(new Uint8Array([1, 2, 3]), true)),
  'pathlen-huge-on-ca-leaf': (l) => void l.exts.push(ext.raw('2.5.29.19', der.seq(der.bool(true), der.int(2n ** 40n)), true)),
  'keycertsign-on-non-ca': (l) => replace(l, ext.keyUsage([0, 5])),
};

/** Features that write the same field: a mutant gets at most one of each group. */
const FIELD: Record<string, string> = {
  'country-integer': 'subject',
  'country-utf8': 'subject',
  'cn-octet-string': 'subject',
  'printable-at-sign': 'subject',
  'ku-padding-bit': 'keyUsage',
  'ku-trailing-zeros': 'keyUsage',
  'keycertsign-on-non-ca': 'keyUsage',
  'serial-zero': 'serial',
  'serial-negative': 'serial',
  'serial-21-octets': 'serial',
  'no-aki': 'aki',
  'aki-critical': 'aki',
  'aki-mismatch': 'aki',
  'explicit-ca-false': 'basicConstraints',
  'pathlen-huge-on-ca-leaf': 'basicConstraints',
};

function replace(l: Leaf, e: ExtensionSpec): void {
  l.exts = [...l.exts.filter((x) => x.oid !== e.oid), e];
}

export interface Mutant {
  features: string[];
  cert: TestCert;
}

export function mutants(seed: number, count: number): { root: TestCert; list: Mutant[] } {
  const rnd = rng(seed); // the same mutants on every run for one seed
  const r = root('CN=Differential Root, O=Partner Desk Test', { key: keyPair('p256', 'diff-root') });
  const names = Object.keys(FEATURES);
  const key = keyPair('p256', 'diff-leaf');
  const list: Mutant[] = [];
  for (let n = 0; n < count; n++) {
    const taken = new Set<string>();
    const features = names.filter((f) => {
      if (rnd() >= 0.12) return false;
      const field = FIELD[f] ?? f;
      if (taken.has(field)) return false;
      taken.add(field);
      return true;
    });
    const l: Leaf = { subject: null, exts: [ext.keyUsage([0]), ext.authorityKeyId(r.keyId)] };
    for (const f of features) FEATURES[f]!(l, r);
    const cert = issue({
      subject: 'CN=Diff Leaf',
      issuer: r,
      key,
      serial: l.serial ?? 1000 + n,
      extensions: l.exts,
      ...(l.signature ? { signature: l.signature } : {}),
      ...(l.subject ? { mutate: (whole) => swapName(whole, nameDer('CN=Diff Leaf'), l.subject!, r) } : {}),
    });
    list.push({ features, cert });
  }
  return { root: r, list };
}

/** Puts `subject` in place of the placeholder name and signs again (the issuer name comes first and differs). */
function swapName(whole: Uint8Array, placeholder: Uint8Array, subject: Uint8Array, r: TestCert): Uint8Array {
  const header = (buf: Uint8Array, pos: number) => (buf[pos + 1]! & 0x80 ? 2 + (buf[pos + 1]! & 0x7f) : 2);
  const tbsStart = header(whole, 0);
  const tbsBody = tbsStart + header(whole, tbsStart);
  const len = (buf: Uint8Array, pos: number) => {
    const b = buf[pos + 1]!;
    if (!(b & 0x80)) return b;
    let v = 0;
    for (let i = 0; i < (b & 0x7f); i++) v = v * 256 + buf[pos + 2 + i]!;
    return v;
  };
  const tbsEnd = tbsBody + len(whole, tbsStart);
  const body = Buffer.from(whole.subarray(tbsBody, tbsEnd));
  const at = body.lastIndexOf(Buffer.from(placeholder));
  const edited = Buffer.concat([body.subarray(0, at), subject, body.subarray(at + placeholder.length)]);
  const tbs = der.tlv(0x30, edited);
  const algStart = tbsEnd;
  const alg = whole.subarray(algStart, algStart + header(whole, algStart) + len(whole, algStart));
  return der.seq(tbs, alg, der.bits(new Uint8Array(sign('sha256', tbs, r.key.privateKey))));
}

export function desk(m: Mutant, r: TestCert, profile: TrustProfile): Verdict {
  // Verdicts are compared, not speed: a loaded machine must not turn a chain into PD_PKI_008 (time budget).
  return validateCertificatePath({ leaf: m.cert.der, domain: 'AUTH', trust: trustFor([r]), at: AT, options: { profile, budgetMs: 60_000 } });
}

export const hasOpenssl = (): boolean => spawnSync('openssl', ['version'], { encoding: 'utf8' }).status === 0;

/** `openssl verify` on every mutant in one run per mode: true = "OK". */
export function openssl(list: Mutant[], r: TestCert, strict: boolean): boolean[] {
  const dir = mkdtempSync(join(tmpdir(), 'pd-diff-'));
  try {
    writeFileSync(join(dir, 'root.pem'), r.pem);
    const files = list.map((m, i) => {
      const f = join(dir, `m${i}.pem`);
      writeFileSync(f, m.cert.pem);
      return f;
    });
    const ok = new Array<boolean>(list.length).fill(false);
    for (let from = 0; from < files.length; from += 400) {
      const batch = files.slice(from, from + 400);
      const args = ['verify', '-CAfile', join(dir, 'root.pem'), '-attime', String(Math.floor(AT.getTime() / 1000)), ...(strict ? ['-x509_strict'] : []), ...batch];
      const out = spawnSync('openssl', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
      for (const [i, f] of batch.entries()) ok[from + i] = out.stdout.includes(`${f}: OK`);
    }
    return ok;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

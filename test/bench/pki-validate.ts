/**
 * Path-validation cost against a warm trust store, as a ratio to the raw signature checks the
 * chain needs (crypto.verify on the same TBS bytes with pre-imported keys, measured in this run).
 * Goal (issue 3): full validation ≤ 3× the raw signature cost. Also times the worst-case inputs.
 *
 *   npx tsx test/bench/pki-validate.ts
 */
import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createTrustStore, validateCertificatePath } from '../../lib/pki/index.ts';
import type { CertInput, Verdict } from '../../lib/pki/index.ts';
import { setSignatureCache } from '../../lib/pki/build.ts';
import { LIMBO_PATH, runCase } from '../conformance/limbo-harness.ts';
import type { LimboCase } from '../conformance/limbo-harness.ts';
import { AT, intermediate, keyPair, leaf, root } from '../helpers/pki.ts';
import type { KeySpec, TestCert } from '../helpers/pki.ts';

const ROUNDS = 9;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Microseconds per call of one batch of n calls. */
function batchUs(n: number, fn: () => unknown): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t0) * 1000) / n;
}

/** Median microseconds per call over ROUNDS batches of n calls. */
function timeUs(n: number, fn: () => unknown): number {
  batchUs(Math.min(n, 200), fn); // warm-up
  return median(Array.from({ length: ROUNDS }, () => batchUs(n, fn)));
}

/**
 * `fn` against `baseline`, batches interleaved so that VM noise (±20 % here) hits both alike:
 * the median per-call time and the median of the per-round ratios.
 */
function versus(n: number, baseline: () => unknown, fn: () => unknown): { us: number; ratio: number } {
  batchUs(Math.min(n, 200), baseline);
  batchUs(Math.min(n, 200), fn);
  const us: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const b = batchUs(n, baseline);
    const f = batchUs(n, fn);
    us.push(f);
    ratios.push(f / b);
  }
  return { us: median(us), ratio: median(ratios) };
}

/** The TBS and signature of a certificate we generated (outer SEQUENCE and TBS use 0x82 lengths). */
function split(cert: TestCert): { tbs: Buffer; sig: Buffer } {
  const d = Buffer.from(cert.der);
  const tbsEnd = 4 + 4 + d.readUInt16BE(6);
  const algLen = d[tbsEnd + 1]!;
  const bits = tbsEnd + 2 + algLen; // BIT STRING header
  const lenByte = d[bits + 1]!;
  const header = lenByte & 0x80 ? 2 + (lenByte & 0x7f) : 2;
  return { tbs: d.subarray(4, tbsEnd), sig: d.subarray(bits + header + 1) };
}

function chainFor(spec: KeySpec) {
  const r = root(`CN=Bench ${spec} Root`, { key: keyPair(spec, 'bench-root') });
  const i = intermediate(r, `CN=Bench ${spec} CA`, { key: keyPair(spec, 'bench-ca') });
  const l = leaf(i, `CN=Bench ${spec} Partner`, { key: keyPair(spec, 'bench-leaf') });
  return { r, i, l };
}

function bench(spec: KeySpec, label: string): void {
  const { r, i, l } = chainFor(spec);
  const trust = createTrustStore([
    { cert: r.der, domain: 'AUTH', role: 'anchor' },
    { cert: i.der, domain: 'AUTH', role: 'intermediate' },
  ]);
  const validate = (leafInput: CertInput): Verdict =>
    validateCertificatePath({ leaf: leafInput, domain: 'AUTH', trust, at: AT });
  const first = validate(l.der);
  if (!first.ok) throw new Error(`bench chain invalid: ${first.code} ${first.message}`);

  // Raw cost: the two signature checks the path needs, keys imported once.
  const leafSig = split(l);
  const caSig = split(i);
  const caKey = createPublicKey({ key: Buffer.from(i.key.spki), format: 'der', type: 'spki' });
  const rootKey = createPublicKey({ key: Buffer.from(r.key.spki), format: 'der', type: 'spki' });
  const raw = () => {
    if (!verify('sha256', leafSig.tbs, caKey, leafSig.sig) || !verify('sha256', caSig.tbs, rootKey, caSig.sig))
      throw new Error('raw verify failed');
  };
  raw();

  const n = spec.startsWith('rsa') ? 2000 : 1000;
  const rawUs = timeUs(n, raw);
  const pemLeaf = l.pem;
  setSignatureCache(false);
  const fullDer = versus(n, raw, () => validate(l.der));
  const fullPem = versus(n, raw, () => validate(pemLeaf));
  const fullCopy = versus(n, raw, () => validate(new Uint8Array(l.der))); // a new buffer each time: hashed for the cache lookup
  setSignatureCache(true);
  const warmAll = versus(n, raw, () => validate(l.der));

  const row = (name: string, r: { us: number; ratio: number }) =>
    console.log(`  ${name.padEnd(62)} ${r.us.toFixed(1).padStart(7)} µs  ${r.ratio.toFixed(2)}× raw`);
  console.log(`\n${label}: root → intermediate → leaf, trust store warm (parsed certificates and keys cached)`);
  row('raw: crypto.verify × 2 on the same TBS bytes, keys pre-imported', { us: rawUs, ratio: 1 });
  row('full validation, both signatures verified each time (DER in)', fullDer);
  row('full validation, both signatures verified each time (PEM in)', fullPem);
  row('full validation, both signatures verified each time (new buffer)', fullCopy);
  row('full validation, signature results cached as well', warmAll);
}

function worstCases(): void {
  const suite = JSON.parse(readFileSync(LIMBO_PATH, 'utf8')) as { testcases: LimboCase[] };
  const worst = suite.testcases.filter((c) => /^pathological::|^cve::cve-2024-0567/.test(c.id));
  console.log('\nworst-case inputs (x509-limbo): first run in this process (parsing included) / warm, and the verdict');
  for (const c of worst) {
    const t0 = performance.now();
    const { verdict } = runCase(c, new Date(), 'keymanager');
    const cold = performance.now() - t0;
    const warm = timeUs(20, () => runCase(c, new Date(), 'keymanager')) / 1000;
    const outcome = verdict.ok ? 'valid' : verdict.code;
    console.log(
      `  ${c.id.padEnd(72)} ${cold.toFixed(1).padStart(6)} ms / ${warm.toFixed(2).padStart(6)} ms  ${outcome}`,
    );
  }
}

console.log(`pki-validate bench — Node ${process.version}, ${ROUNDS} rounds, median`);
bench('rsa2048', 'RSA-2048 (SHA256withRSA)');
bench('p256', 'ECDSA P-256 (SHA256withECDSA)');
worstCases();

/**
 * Capture-to-decision time of an assisted e-KYC (issue 16), split by who spends it:
 *   device  — the virtual SBI's Auth CAPTURE (request → complete answer; delay 0)
 *   desk    — building the IDA request (AES-GCM, RSA-OAEP, HMAC, JWS), verifying the signed answer
 *             and decrypting the identity: what this project adds (goal ≤ 50 ms)
 *   service — the ID service's own processing (decrypt, signature, device trust, IDA-FIR, hash
 *             chain, partner checks, match, signed answer), timed in-process on a twin request
 *   network — the loopback HTTP round trip including the service, as the desk sees it
 * The demo dataset on a fresh data directory; the real server host on loopback; the system clock.
 *
 *   npm run bench -- ida-kyc            (RUNS=30)
 */
import { TestClock } from '../helpers/core.ts';
import { idaWorld } from '../helpers/ida.ts';
import { readIdaClientConfig } from '../../main/core/ida/config.ts';
import type { IdaTimings } from '../../main/core/ida/client.ts';
import { idaCert } from '../../main/core/ida/crypto.ts';
import { buildKycRequest } from '../../main/core/ida/request.ts';
import { createIdService } from '../../main/core/id-service/service.ts';

const RUNS = Number(process.env.RUNS ?? 30);
const WARM = 3;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(2).padStart(7)} ms  p95 ${pct(xs, 95).toFixed(2).padStart(7)} ms`;

const clock = new TestClock();
clock.now = () => new Date();
const started = performance.now();
const w = await idaWorld([47801, 47810], clock);
console.log(`setup (demo dataset, keys, server, virtual SBI): ${((performance.now() - started) / 1000).toFixed(1)} s`);
const cfg = readIdaClientConfig(w.tc.core.db.reader, w.tc.core.deps.keyWrap)!;
const service = createIdService(w.tc.core.env);
let last: IdaTimings | null;
const client = w.client({ onTimings: (t) => (last = t) });

const rows: Record<'device' | 'build' | 'verifyDecrypt' | 'desk' | 'network' | 'service' | 'total', number[]> = {
  device: [],
  build: [],
  verifyDecrypt: [],
  desk: [],
  network: [],
  service: [],
  total: [],
};
for (let i = 0; i < RUNS + WARM; i++) {
  const t = `BENCH${String(i).padStart(5, '0')}`;
  const t0 = performance.now();
  const biometrics = await w.capture(t);
  const t1 = performance.now();
  last = null;
  const out = await client.kyc({
    individualId: '5012345674',
    individualIdType: 'UIN',
    transactionId: t,
    consentObtained: true,
    biometrics,
  });
  const t2 = performance.now();
  if (!out.ok || !last) throw new Error(`round ${i}: ${JSON.stringify(out)}`);
  // The service alone: the same capture under a twin transaction id, straight into the service.
  const twin = `TWIN${String(i).padStart(6, '0')}`;
  const twinBio = await w.capture(twin);
  const built = await buildKycRequest(
    {
      individualId: '5012345674',
      individualIdType: 'UIN',
      transactionId: twin,
      consentObtained: true,
      biometrics: twinBio,
    },
    {
      servicePartnerCert: idaCert(cfg.servicePartnerCertDer, 'PARTNER'),
      partnerCertDer: cfg.partnerCertDer,
      partnerKey: cfg.partnerKey,
    },
    new Date(),
    w.tc.core.deps.randomBytes,
  );
  const s0 = performance.now();
  const answer = await service.handle({
    endpoint: 'kyc',
    mispLicenseKey: cfg.mispLicenseKey,
    partnerId: cfg.partnerId,
    apiKey: cfg.apiKey,
    signature: built.signature,
    body: built.body,
  });
  const s1 = performance.now();
  if (answer.code !== null) throw new Error(`twin ${i}: ${answer.code}`);
  if (i < WARM) continue;
  const tm = last as IdaTimings;
  rows.device.push(t1 - t0);
  rows.build.push(tm.buildMs);
  rows.verifyDecrypt.push(tm.verifyMs + tm.decryptMs);
  rows.desk.push(tm.buildMs + tm.verifyMs + tm.decryptMs);
  rows.network.push(tm.networkMs);
  rows.service.push(s1 - s0);
  rows.total.push(t2 - t0);
}
await w.close();

console.log(`\n${RUNS} e-KYC rounds (one Auth finger, UNKNOWN), after ${WARM} warm-up rounds:`);
console.log(`  device  capture                          ${fmt(rows.device)}`);
console.log(`  desk    build + encrypt + sign           ${fmt(rows.build)}`);
console.log(`  desk    verify answer + decrypt identity ${fmt(rows.verifyDecrypt)}`);
console.log(
  `  desk    share (sum per round)            ${fmt(rows.desk)}   goal ≤ 50 ms: ${pct(rows.desk, 95) <= 50 ? 'met at p95' : pct(rows.desk, 50) <= 50 ? 'met at p50' : 'NOT met'}`,
);
console.log(`  service processing (in-process twin)     ${fmt(rows.service)}`);
console.log(`  HTTP round trip incl. service            ${fmt(rows.network)}`);
console.log(`  capture to decision                      ${fmt(rows.total)}`);

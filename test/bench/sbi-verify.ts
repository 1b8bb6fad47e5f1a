/**
 * What verification adds to a capture (signatures, trust path, digital ID, hash chain, timestamps,
 * schema), against the virtual SBI's real answers (JPEG 2000 ISO records). Goal (issue 6): ≤ 20 ms
 * above the device's own time per capture. The device time (request → complete answer) is shown
 * for scale; the first verification of a session (trust verdicts not yet cached) is shown apart.
 *
 *   npm run bench -- sbi-verify           (RUNS=50)
 */
import { createTrustStore } from '../../lib/pki/index.ts';
import { decryptBioValue } from '../../lib/sbi/decrypt.ts';
import { SbiClient } from '../../native/sbi/client/sbi-client.ts';
import type { CaptureAnswer } from '../../native/sbi/client/sbi-client.ts';
import { TrustCache, verifyCapture, verifyDeviceInfo } from '../../native/sbi/verify.ts';
import type { CaptureContext } from '../../native/sbi/verify.ts';
import type { CaptureRequest, RCaptureRequest } from '../../lib/sbi/wire/index.ts';
import { startVirtualSbi } from '../../native/virtual/sbi/index.ts';

const RUNS = Number(process.env.RUNS ?? 50);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(2).padStart(6)} ms  p95 ${pct(xs, 95).toFixed(2).padStart(6)} ms`;

const sbi = await startVirtualSbi({ portRange: [47601, 47700] });
const anchors = sbi.trustAnchorsPem();
const trust = createTrustStore([
  { cert: anchors.device, domain: 'DEVICE', role: 'anchor' },
  { cert: anchors.ftm, domain: 'FTM', role: 'anchor' },
]);
const client = new SbiClient({ port: sbi.port });
const key = { privateKey: sbi.pki.encryption.key, certificateDer: sbi.pki.encryption.der };
let tx = 0;

const slap = (): RCaptureRequest => ({
  env: 'Developer',
  purpose: 'Registration',
  specVersion: '0.9.5',
  timeout: '5000',
  captureTime: new Date().toISOString(),
  transactionId: `BENCH-${++tx}`,
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
    },
  ],
  customOpts: null,
});
const face = (): RCaptureRequest => ({
  ...slap(),
  bio: [
    {
      type: 'Face',
      count: '1',
      bioSubType: [],
      exception: [],
      requestedScore: '40',
      deviceId: '3',
      deviceSubId: '0',
      previousHash: '',
    },
  ],
});
const auth = (): CaptureRequest => ({
  env: 'Developer',
  purpose: 'Auth',
  specVersion: '0.9.5',
  timeout: '5000',
  captureTime: new Date().toISOString(),
  domainUri: '',
  transactionId: `BENCH-${++tx}`,
  bio: [
    {
      type: 'Finger',
      count: '2',
      bioSubType: ['UNKNOWN', 'UNKNOWN'],
      requestedScore: '40',
      deviceId: '4',
      deviceSubId: '0',
      previousHash: '',
    },
  ],
  customOpts: null,
});

/**
 * Collects RUNS + 1 answers first (device time), then times verifying each: the virtual device runs
 * in this process, and its own work (JPEG 2000, signing) must not land inside the timed section.
 */
async function series(
  label: string,
  call: () => Promise<CaptureAnswer>,
  certification: 'L0' | 'L1',
  decrypt: boolean,
): Promise<void> {
  const answers: CaptureAnswer[] = [];
  for (let i = 0; i <= RUNS; i++) answers.push(await call());
  const cache = new TrustCache();
  const verify: number[] = [];
  let first = 0;
  let items = 0;
  answers.forEach((a, i) => {
    const ctx: CaptureContext = {
      trust,
      now: new Date(),
      cache,
      request: a.request,
      certification,
      ...(decrypt ? { decrypt: (item) => decryptBioValue(item, key) } : {}),
    };
    const t0 = performance.now();
    items = verifyCapture(a.json, ctx).items.length;
    const ms = performance.now() - t0;
    if (i === 0) first = ms;
    else verify.push(ms);
  });
  const kib = JSON.stringify(answers[0]!.json).length / 1024;
  const device = answers.slice(1).map((a) => a.elapsedMs);
  console.log(
    `  ${label.padEnd(44)} ${items} item(s), ${kib.toFixed(0).padStart(4)} KiB   verify ${fmt(verify)}   (first ${first.toFixed(1)} ms)   device ${fmt(device)}`,
  );
}

console.log(
  `sbi-verify bench — Node ${process.version}, virtual SBI on port ${sbi.port}, ${RUNS} captures each after one cold run`,
);
try {
  await series('RCAPTURE left slap (L0)', () => client.rcapture(slap()), 'L0', false);
  await series('RCAPTURE face (L0)', () => client.rcapture(face()), 'L0', false);
  await series('CAPTURE 2 fingers (L1), decrypt + hash', () => client.capture(auth()), 'L1', true);
  await series('CAPTURE 2 fingers (L1), no decryption key', () => client.capture(auth()), 'L1', false);
  const infos = [];
  for (let i = 0; i < RUNS; i++) infos.push(await client.deviceInfo());
  const cache = new TrustCache();
  const info = infos.map((a) => {
    const t0 = performance.now();
    verifyDeviceInfo(a.json, { trust, now: new Date(), cache });
    return performance.now() - t0;
  });
  console.log(`  ${'MOSIPDINFO (6 devices)'.padEnd(44)}                 verify ${fmt(info)}`);
} finally {
  await sbi.close();
}

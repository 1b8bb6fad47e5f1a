/**
 * Benchmark: the full SBI compliance bench against the virtual SBI on loopback, both purposes, at
 * the CTK's capture timeouts. Prints wall time, the waits the timeout cases mandate (a device must
 * take the whole 500 ms / 10 s), and the difference — the bench's own cost, goal ≤ 60 s — with
 * the slowest cases net of their waits. The virtual device's key rotations (RSA key generation on
 * its side) are included, as a tester would see them.
 * Run: npm run bench -- sbi-bench   (QUICK=1 shortens the timeouts to 150/250 ms for a fast look)
 */
import { createTrustStore } from '../../lib/pki/index.ts';
import { createBenchEncryptionKey } from '../../lib/sbi/decrypt.ts';
import type { BenchReport } from '../../native/sbi/bench/report.ts';
import { runBench } from '../../native/sbi/bench/runner.ts';
import { detectVirtualSbi, virtualPrompter } from '../../native/sbi/bench/virtual-admin.ts';
import { startVirtualSbi } from '../../native/virtual/sbi/index.ts';

const GOAL_MS = 60_000;
const quick = process.env.QUICK === '1';
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const key = await createBenchEncryptionKey();
const sbi = await startVirtualSbi({
  portRange: [46900, 46999],
  encryptionCertDer: key.certificateDer,
});
try {
  const trust = createTrustStore([
    { cert: sbi.pki.deviceCa.der, domain: 'DEVICE', role: 'anchor' },
    { cert: sbi.pki.ftmRoot.der, domain: 'FTM', role: 'anchor' },
  ]);
  const admin = await detectVirtualSbi(sbi.port);
  if (!admin) throw new Error('virtual SBI not detected');
  const reports: Array<{ purpose: string; wall: number; r: BenchReport }> = [];
  for (const purpose of ['Registration', 'Auth'] as const) {
    const t0 = performance.now();
    const r = await runBench({
      port: sbi.port,
      purpose,
      trust,
      encryptionKey: key,
      prompt: virtualPrompter(admin),
      ...(quick ? { timeouts: { shortMs: 150, longMs: 250 } } : {}),
    });
    reports.push({ purpose, wall: performance.now() - t0, r });
  }
  console.log(
    `SBI compliance bench against the virtual SBI (port ${sbi.port})${quick ? ' — QUICK timeouts' : ', CTK timeouts 500 ms / 10 s'}\n`,
  );
  console.log('| purpose | cases (pass/fail/skip) | wall | mandated waits | wall − waits |');
  console.log('|---|---|---|---|---|');
  let net = 0;
  for (const { purpose, wall, r } of reports) {
    const waits = r.cases.reduce((n, c) => n + c.mandatedWaitMs, 0);
    net += wall - waits;
    console.log(
      `| ${purpose} | ${r.cases.length} (${r.summary.pass}/${r.summary.fail}/${r.summary.skip}) | ${s(wall)} | ${s(waits)} | ${s(wall - waits)} |`,
    );
  }
  const all = reports.flatMap(({ r }) => r.cases);
  console.log(
    `\nboth purposes, net of mandated waits: ${s(net)} (goal ≤ ${s(GOAL_MS)}) ${net <= GOAL_MS ? 'OK' : 'OVER'}`,
  );
  const slow = [...all].sort((a, b) => b.durationMs - b.mandatedWaitMs - (a.durationMs - a.mandatedWaitMs)).slice(0, 8);
  console.log(
    `slowest cases net of waits: ${slow.map((c) => `${c.id}/${c.deviceId} ${c.durationMs - c.mandatedWaitMs} ms`).join(', ')}`,
  );
  const rotation = all
    .filter((c) => ['SBI1022', 'SBI1023', 'SBI1024', 'SBI1025', 'SBI1060', 'SBI1061'].includes(c.id))
    .reduce((n, c) => n + c.durationMs, 0);
  console.log(`of which key-rotation cases (the device generates RSA keys): ${s(rotation)}`);
  if (all.some((c) => c.result !== 'pass')) process.exitCode = 1;
} finally {
  await sbi.close();
}

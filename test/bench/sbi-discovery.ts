/**
 * SBI discovery over a 100-port range with the client's default limits (per-port deadline 1 s,
 * scan deadline 1.5 s, 32 ports at a time). Goals (issue 6): ≤ 1 s with nothing listening; ≤ 1.5 s
 * with three devices answering and one port that accepts but never answers.
 *
 *   npm run bench -- sbi-discovery        (RUNS=20, PORT_FROM=47501: scans PORT_FROM … PORT_FROM+99)
 *
 * The range is not 4501–4600 so the bench neither sees a real device nor collides with one; the
 * scan itself is the same.
 */
import net from 'node:net';
import { discoverSbi } from '../../native/sbi/client/discovery.ts';
import { createVirtualPki } from '../../native/virtual/pki.ts';
import { startVirtualSbi } from '../../native/virtual/sbi/index.ts';
import type { VirtualSbi } from '../../native/virtual/sbi/index.ts';

const RUNS = Number(process.env.RUNS ?? 20);
const FROM = Number(process.env.PORT_FROM ?? 47501);
const TO = FROM + 99;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function series(label: string, expect: { devices: number; problems: number }): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await discoverSbi({ portFrom: FROM, portTo: TO });
    if (r.devices.length !== expect.devices || r.problems.length !== expect.problems) {
      throw new Error(
        `${label}: found ${r.devices.length} devices / ${r.problems.length} problems, expected ${expect.devices} / ${expect.problems}`,
      );
    }
    ms.push(r.elapsedMs);
  }
  console.log(
    `  ${label.padEnd(58)} p50 ${pct(ms, 50).toFixed(1).padStart(7)} ms   p95 ${pct(ms, 95).toFixed(1).padStart(7)} ms   max ${Math.max(
      ...ms,
    )
      .toFixed(1)
      .padStart(7)} ms`,
  );
}

console.log(`sbi-discovery bench — Node ${process.version}, ports ${FROM}–${TO}, ${RUNS} runs each`);
await series('nothing listening', { devices: 0, problems: 0 });

// Three virtual SBIs (six devices each) on the first free ports of the range, and one silent port.
const pki = await createVirtualPki({ deviceOrg: 'Bench Devices', ftmOrg: 'Bench FTM' });
const sbis: VirtualSbi[] = [];
for (let i = 0; i < 3; i++) sbis.push(await startVirtualSbi({ portRange: [FROM + 30 * i, TO], pki }));
const sockets = new Set<net.Socket>();
const silent = net.createServer((s) => {
  sockets.add(s);
  s.on('error', () => undefined);
});
await new Promise<void>((resolve) => silent.listen(TO, '127.0.0.1', resolve));
try {
  await series(`3 devices (ports ${sbis.map((s) => s.port).join(', ')}) + 1 silent port (${TO})`, {
    devices: 18,
    problems: 1,
  });
} finally {
  for (const s of sockets) s.destroy();
  silent.close();
  await Promise.all(sbis.map((s) => s.close()));
}

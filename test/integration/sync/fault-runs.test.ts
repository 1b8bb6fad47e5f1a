import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncFaultHarness } from '../../fault/sync-harness.ts';
import type { RunReport } from '../../fault/sync-harness.ts';

// Real server and desk processes on loopback: kill -9 of either at random points, a proxy that
// drops, duplicates, replays late, delays and cuts answers, desk clocks a day off. After each run
// the convergence check (test/fault/sync-harness.ts). The base seed is printed; rerun one with
// SYNC_FAULT_SEED=<seed> SYNC_FAULT_RUNS=1. The soak (`npm run soak -- sync`) runs 500.
const RUNS = Number(process.env.SYNC_FAULT_RUNS ?? 20);
const BASE_SEED = Number(process.env.SYNC_FAULT_SEED ?? 20261121);

let harness: SyncFaultHarness;
beforeAll(async () => {
  harness = await SyncFaultHarness.prepare();
}, 300_000);
afterAll(() => harness?.dispose());

describe('sync under faults with real processes', () => {
  it(`converges in ${RUNS} randomized runs from seed ${BASE_SEED}`, async () => {
    console.log(`sync fault runs: ${RUNS} runs, base seed ${BASE_SEED}`);
    const reports: RunReport[] = [];
    for (let i = 0; i < RUNS; i++) {
      const report = await harness.run(BASE_SEED + i);
      console.log(`sync fault run ${i + 1}/${RUNS}: ${JSON.stringify(report)}`);
      reports.push(report);
    }
    const total = (f: (r: RunReport) => number) => reports.reduce((n, r) => n + f(r), 0);
    console.log(
      `sync fault runs: ${total((r) => r.acked)} acknowledged commands, ${total((r) => r.conflicts)} conflicts, ${total((r) => r.kills.server)} server and ${total((r) => r.kills.desk)} desk kills`,
    );
    // the runs must have exercised what they claim: commands, conflicts, both kinds of kill and every proxy fault
    expect(total((r) => r.acked)).toBeGreaterThan(RUNS);
    if (RUNS >= 20) {
      expect(total((r) => r.conflicts)).toBeGreaterThan(0);
      expect(total((r) => r.kills.server)).toBeGreaterThan(0);
      expect(total((r) => r.kills.desk)).toBeGreaterThan(0);
      for (const f of ['drop', 'loseAnswer', 'cut', 'duplicate', 'lateReplay', 'delay'] as const)
        expect(
          total((r) => r.faults[f]),
          f,
        ).toBeGreaterThan(0);
      expect(reports.some((r) => Object.values(r.clockOffsets).some((o) => o !== 0))).toBe(true);
    }
  }, 3_600_000);
});

// `npm run soak -- sync [--runs N] [--seed S]`: the sync fault runs, 500 by default. Stops at the
// first failing run and prints its seed; the run's files are kept for inspection.
import { randomInt } from 'node:crypto';
import { SyncFaultHarness } from '../fault/sync-harness.ts';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const what = args[0];
  if (what !== 'sync') {
    console.error('usage: npm run soak -- sync [--runs N] [--seed S]');
    process.exit(2);
  }
  const opt = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const runs = opt('runs') ?? 500;
  const seed = opt('seed') ?? randomInt(1, 2 ** 31 - runs);
  console.log(`sync soak: ${runs} runs from seed ${seed}`);
  const harness = await SyncFaultHarness.prepare();
  const started = Date.now();
  let acked = 0;
  let conflicts = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const r = await harness.run(seed + i);
      acked += r.acked;
      conflicts += r.conflicts;
      console.log(
        `run ${i + 1}/${runs} seed ${r.seed}: ${r.ms} ms, ${r.acked} acked, ${r.conflicts} conflicts, kills ${JSON.stringify(r.kills)}, faults ${JSON.stringify(r.faults)}`,
      );
    }
  } catch (err) {
    console.error(String((err as Error).message));
    process.exitCode = 1;
    return;
  } finally {
    harness.dispose();
  }
  console.log(
    `sync soak passed: ${runs} runs, ${acked} acknowledged commands, ${conflicts} conflicts, ${Math.round((Date.now() - started) / 1000)} s`,
  );
}

void main();

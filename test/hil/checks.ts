/**
 * A tiny check runner for the guest side of the hardware-in-the-loop tier (docs/hil.md). The guest
 * has no vitest: each check prints one line on the serial console that scripts/hil/run.sh reads —
 * "HIL ok <name> (<ms> ms)" or "HIL FAIL <name>: <why>" — and the run ends with
 * "HIL-SUMMARY: N passed, N failed". Figures for docs/benchmarks.md go out as "HIL-FIGURE …".
 */
export interface CheckRun {
  check(name: string, fn: () => Promise<void> | void, timeoutMs?: number): Promise<boolean>;
  figure(name: string, samplesMs: number[]): void;
  summary(): { passed: number; failed: number };
}

export class CheckFailed extends Error {}

export function expect(cond: unknown, why: string): asserts cond {
  if (!cond) throw new CheckFailed(why);
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new CheckFailed(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length === 0 ? Number.NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export function createCheckRun(out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): CheckRun {
  let passed = 0;
  let failed = 0;
  return {
    async check(name, fn, timeoutMs = 20_000) {
      const t0 = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(fn),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new CheckFailed(`no result after ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        passed += 1;
        out(`HIL ok ${name} (${(performance.now() - t0).toFixed(0)} ms)`);
        return true;
      } catch (err) {
        failed += 1;
        out(`HIL FAIL ${name}: ${err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err)}`);
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    figure(name, samplesMs) {
      const s = [...samplesMs].sort((a, b) => a - b);
      out(
        `HIL-FIGURE ${name} n=${s.length} median=${median(s).toFixed(1)}ms min=${(s[0] ?? NaN).toFixed(1)}ms max=${(s.at(-1) ?? NaN).toFixed(1)}ms`,
      );
    },
    summary() {
      out(`HIL-SUMMARY: ${passed} passed, ${failed} failed`);
      return { passed, failed };
    },
  };
}

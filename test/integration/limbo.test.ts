import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_REFUSES_VALID_LIMBO_CASES } from '../../main/core/pki/index.ts';
import { CORE_NAMESPACES, LIMBO_PATH, peerResultsPath, runCase, runLimbo, writeResults } from '../conformance/limbo-harness.ts';
import type { LimboCase, LimboResult } from '../conformance/limbo-harness.ts';

/**
 * The x509-limbo gate (issue 3): zero false accepts outside the checked-in divergence map on the
 * core PKI subset, every divergence justified, and never accepting what the MOSIP backend
 * (Java PKIX, peers/java-pkix.json) refuses where the suite expects refusal.
 */
const divergences = JSON.parse(readFileSync(fileURLToPath(new URL('../conformance/limbo-divergences.json', import.meta.url)), 'utf8')) as Record<string, string>;
const javaPkix = new Map(
  (JSON.parse(readFileSync(peerResultsPath('java-pkix'), 'utf8')) as { results: LimboResult[] }).results.map((r) => [r.id, r.actual_result]),
);

let results: LimboResult[];
let cases: LimboCase[];
let elapsedMs: Record<string, number>;
const isCore = (id: string) => (CORE_NAMESPACES as readonly string[]).includes(id.split('::')[0]!);
const expected = (id: string) => cases.find((c) => c.id === id)!.expected_result;

beforeAll(() => {
  ({ results, cases, elapsedMs } = runLimbo(LIMBO_PATH));
  writeResults(results);
});

function tally(filter: (id: string) => boolean) {
  const t = { cases: 0, accepted: 0, rejected: 0, skipped: 0, falseAccepts: [] as string[], falseRejects: [] as string[] };
  for (const r of results.filter((x) => filter(x.id))) {
    t.cases++;
    if (r.actual_result === 'SKIPPED') t.skipped++;
    else if (r.actual_result === 'SUCCESS') t.accepted++;
    else t.rejected++;
    if (r.actual_result === 'SUCCESS' && expected(r.id) === 'FAILURE') t.falseAccepts.push(r.id);
    if (r.actual_result === 'FAILURE' && expected(r.id) === 'SUCCESS') t.falseRejects.push(r.id);
  }
  return t;
}

describe('x509-limbo conformance', () => {
  it('has zero false accepts outside the divergence map on the core PKI subset', () => {
    const core = tally(isCore);
    const all = tally(() => true);
    const byReason: Record<string, number> = {};
    for (const reason of Object.values(divergences)) byReason[reason.split(':')[0]!] = (byReason[reason.split(':')[0]!] ?? 0) + 1;
    console.log(
      `limbo core: ${core.cases} cases, ${core.accepted} accepted, ${core.rejected} rejected, ${core.skipped} skipped, ` +
        `${core.falseAccepts.length} false accepts, ${core.falseRejects.length} false rejects | all: ${all.cases} cases, ` +
        `${all.falseAccepts.length} false accepts, ${all.falseRejects.length} false rejects, ${all.skipped} skipped | divergences ${JSON.stringify(byReason)}`,
    );
    expect(core.falseAccepts.filter((id) => !divergences[id])).toEqual([]);
    expect(all.falseAccepts.filter((id) => !divergences[id])).toEqual([]);
  });

  it('has no unlisted false rejects either', () => {
    expect(tally(() => true).falseRejects.filter((id) => !divergences[id])).toEqual([]);
  });

  it('keeps the divergence map honest: every entry is a real divergence with a one-line reason', () => {
    for (const [id, reason] of Object.entries(divergences)) {
      const r = results.find((x) => x.id === id);
      expect(r, id).toBeDefined();
      expect(reason, id).toMatch(/^(valid-per-rfc5280|lenient-profile|strict-profile|webpki-only|backend-refuses): \S/);
      expect(reason.includes('\n'), id).toBe(false);
      if (reason.startsWith('backend-refuses:')) continue; // about the backend, not about us
      expect(r!.actual_result === expected(id) ? 'stale entry: now agrees with the suite' : 'diverges', id).toBe('diverges');
    }
  });

  it('never accepts what the MOSIP backend (Java PKIX) refuses where the suite expects refusal', () => {
    const accepted = results.filter((r) => r.actual_result === 'SUCCESS' && expected(r.id) === 'FAILURE' && javaPkix.get(r.id) === 'FAILURE');
    expect(accepted.map((r) => r.id)).toEqual([]);
  });

  it('lists exactly the valid cases the backend refuses, accepts them, and warns about them', () => {
    const refusedValid = cases.filter((c) => c.expected_result === 'SUCCESS' && javaPkix.get(c.id) === 'FAILURE').map((c) => c.id);
    expect([...refusedValid].sort()).toEqual([...BACKEND_REFUSES_VALID_LIMBO_CASES].sort());
    for (const id of refusedValid) expect(divergences[id], id).toMatch(/^backend-refuses: /);
    const warnings = Object.fromEntries(
      refusedValid.map((id) => {
        const { verdict } = runCase(cases.find((c) => c.id === id)!, new Date());
        return [id, verdict.ok ? verdict.warnings : verdict.code];
      }),
    );
    expect(warnings).toEqual({
      'rfc5280::validity::notafter-fractional': ['PD_PKI_W01'],
      'rfc5280::nc::nc-forbids-alternate-chain-ica': ['PD_PKI_W02'],
    });
  });

  it('skips only revocation and server-name cases, each with its reason', () => {
    for (const r of results.filter((x) => x.actual_result === 'SKIPPED')) expect(r.context, r.id).toMatch(/^(revocation|server name): /);
    expect(tally(isCore).skipped).toBeLessThanOrEqual(11);
  });

  it('finishes every case within the 5 s limbo allows, and the pathological ones within 100 ms with a warm cache', () => {
    expect(Object.entries(elapsedMs).filter(([, ms]) => ms > 5_000)).toEqual([]);
    const worst = cases.filter((c) => /^(pathological|cve)::/.test(c.id));
    const timings = worst.map((c) => {
      const t0 = performance.now();
      runCase(c, new Date());
      return [c.id, performance.now() - t0] as const;
    });
    console.log(`slowest cold case ${Math.max(...Object.values(elapsedMs)).toFixed(1)} ms; warm pathological: ${timings.map(([id, ms]) => `${id.split('::')[1]} ${ms.toFixed(1)}`).join(', ')}`);
    expect(timings.filter(([, ms]) => ms > 100)).toEqual([]);
  });
});

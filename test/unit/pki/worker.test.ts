import { afterAll, describe, expect, it } from 'vitest';
import { PkiWorkerPool } from '../../../lib/pki/index.ts';
import type { WorkerRequest } from '../../../lib/pki/index.ts';
import { AT, threeLevel } from '../../helpers/pki.ts';

const c = threeLevel();
const request: WorkerRequest = {
  leaf: c.leaf.pem,
  domain: 'AUTH',
  trust: [{ cert: c.root.der, domain: 'AUTH', role: 'anchor' }],
  intermediates: [c.intermediate.der],
  at: AT,
};

describe('validateInWorker pool', () => {
  const pool = new PkiWorkerPool({ size: 2, timeoutMs: 10_000 });
  afterAll(() => pool.close());

  it('validates off the calling thread and returns the same verdict shape', async () => {
    const v = await pool.validate(request);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.path.map((e) => e.role)).toEqual(['leaf', 'intermediate', 'anchor']);
    const bad = await pool.validate({ ...request, leaf: 'garbage' });
    expect(bad.ok || bad.code).toBe('KER-PCM-001');
  }, 20_000);

  it('runs requests in parallel on its workers', async () => {
    const verdicts = await Promise.all(Array.from({ length: 6 }, () => pool.validate(request)));
    expect(verdicts.every((v) => v.ok)).toBe(true);
  }, 20_000);
});

describe('hard timeout', () => {
  it('terminates a stuck worker, answers PD_PKI_008, and keeps serving', async () => {
    const pool = new PkiWorkerPool({
      timeoutMs: 300,
      workerPath: new URL('./fixtures/hang-worker.ts', import.meta.url),
    });
    const t0 = performance.now();
    const v = await pool.validate(request);
    expect(v.ok || v.code).toBe('PD_PKI_008');
    expect(performance.now() - t0).toBeLessThan(5_000);
    const again = await pool.validate(request); // a fresh worker, stuck again, stopped again
    expect(again.ok || again.code).toBe('PD_PKI_008');
    await pool.close();
  }, 20_000);
});

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMBO_DIR, LIMBO_PATH, peerResultsPath } from '../conformance/limbo-harness.ts';

// The suite is pinned by digest (x509-limbo/README.md): a regenerated file has new random keys and
// would silently change what the gates measure.
describe('vendored x509-limbo data', () => {
  it('is the pinned suite', () => {
    const digest = createHash('sha256').update(readFileSync(LIMBO_PATH)).digest('hex');
    expect(digest).toBe('fa198cfe774af590234c3ba002cf88863c282f7de0400b928cd5086cc41bacdc');
  });

  it('has a result for every case from every peer listed in its README', () => {
    const ids = new Set(
      (JSON.parse(readFileSync(LIMBO_PATH, 'utf8')) as { testcases: Array<{ id: string }> }).testcases.map((c) => c.id),
    );
    const readme = readFileSync(`${LIMBO_DIR}/README.md`, 'utf8');
    const peers = readdirSync(`${LIMBO_DIR}/peers`).map((f) => f.replace(/\.json$/, ''));
    expect(peers.length).toBeGreaterThanOrEqual(6);
    for (const peer of peers) {
      expect(readme).toContain(`\`${peer}.json\``);
      const results = (
        JSON.parse(readFileSync(peerResultsPath(peer), 'utf8')) as {
          results: Array<{ id: string }>;
        }
      ).results;
      expect(new Set(results.map((r) => r.id))).toEqual(ids);
    }
  });
});

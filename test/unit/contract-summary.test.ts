import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../main/contract/index.ts';
import { SUMMARY_PATH, renderContractSummary } from '../../scripts/contract-summary.ts';

describe('docs/contract.md', () => {
  it('is the summary generated from the contract as it is now (regenerate: npx tsx scripts/contract-summary.ts)', () => {
    expect(readFileSync(SUMMARY_PATH, 'utf8')).toBe(renderContractSummary());
  });

  it('has one row per method, with its kind and roles', () => {
    const rows = renderContractSummary()
      .split('\n')
      .filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(METHOD_NAMES.length);
    expect(rows.find((r) => r.startsWith('| `audit.list`'))).toMatch(
      /^\| `audit\.list` \| query \| PARTNER_ADMIN \| — \|/,
    );
    expect(rows.find((r) => r.startsWith('| `trustStore.upload`'))).toMatch(
      /\| command \| PARTNER_ADMIN \| changes `trustStore` \|/,
    );
  });
});

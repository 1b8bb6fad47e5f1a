import { expect } from 'vitest';
import { thumbprintOf, validateCertificatePath } from '../../../lib/pki/index.ts';
import type {
  PartnerDomain,
  PathFailure,
  TrustStore,
  ValidationOptions,
  ValidPath,
  Verdict,
} from '../../../lib/pki/index.ts';
import { AT } from '../../helpers/pki.ts';
import type { TestCert } from '../../helpers/pki.ts';

export interface Run {
  leaf: TestCert | string | Uint8Array;
  trust: TrustStore;
  intermediates?: TestCert[];
  at?: Date;
  domain?: PartnerDomain;
  options?: ValidationOptions;
}

export function run(r: Run): Verdict {
  const leaf = typeof r.leaf === 'string' || r.leaf instanceof Uint8Array ? r.leaf : r.leaf.der;
  return validateCertificatePath({
    leaf,
    domain: r.domain ?? 'AUTH',
    trust: r.trust,
    intermediates: (r.intermediates ?? []).map((c) => c.der),
    at: r.at ?? AT,
    ...(r.options ? { options: r.options } : {}),
  });
}

export function accepts(r: Run): ValidPath {
  const v = run(r);
  if (!v.ok) expect.fail(`expected a valid path, got ${v.code} ${v.check}: ${v.message}`);
  return v;
}

/** Asserts a refusal with `code`, optionally on the certificate `on`; returns the failure. */
export function refuses(r: Run, code: string, on?: TestCert): PathFailure {
  const v = run(r);
  if (v.ok) expect.fail(`expected ${code}, got a valid path of ${v.path.length}`);
  expect(`${v.code} ${v.check}: ${v.message}`).toMatch(new RegExp(`^${code} `));
  if (on)
    expect(v.cert?.thumbprint, `failing certificate should be ${on.subject}, was ${v.cert?.subject}`).toBe(
      thumbprintOf(on.der),
    );
  return v;
}

import type { ParsedCert } from './parse.ts';
import type { CertRole, Fault, Leniency, PkiWarningCode, TrustProfile } from './verdict.ts';

/**
 * The two trust profiles (README "Trust profiles"). Both run every check in checks.ts; they differ
 * only on the leniencies parse.ts records per certificate: `strict` refuses them, `keymanager`
 * (MOSIP's Java PKIX) accepts them and names each in the verdict's warnings.
 */
const applies = (scope: Leniency['scope'], role: CertRole): boolean =>
  scope === 'any' || (scope === 'issuer' ? role !== 'leaf' : role !== 'anchor');

/** The first leniency `strict` refuses on this certificate in this role; null under `keymanager`. */
export function strictFault(c: ParsedCert, role: CertRole, profile: TrustProfile): Fault | null {
  if (profile !== 'strict') return null;
  return c.leniencies.find((l) => applies(l.scope, role))?.fault ?? null;
}

/** Warning codes of the leniencies on a validated path (leaf first, trust anchor last), each once, in code order. */
export function leniencyWarnings(path: readonly ParsedCert[]): PkiWarningCode[] {
  const codes = new Set<PkiWarningCode>();
  path.forEach((c, i) => {
    // A certificate that is itself the anchor (a path of one) was also checked as the leaf.
    const roles: CertRole[] =
      path.length === 1 ? ['leaf', 'anchor'] : [i === path.length - 1 ? 'anchor' : i === 0 ? 'leaf' : 'intermediate'];
    for (const l of c.leniencies) if (roles.some((role) => applies(l.scope, role))) codes.add(l.warning);
  });
  return [...codes].sort();
}

/**
 * A certificate uploaded as a CA (trust-store upload): the issuer checks, then the profile's
 * verdict on what only matters for an issuer (a non-critical basicConstraints).
 */
export function caCheck(c: ParsedCert, profile: TrustProfile): { fault: Fault | null; warnings: PkiWarningCode[] } {
  const f = c.faults.asIssuer ?? strictFault(c, 'anchor', profile);
  return { fault: f, warnings: f ? [] : leniencyWarnings([c]) };
}

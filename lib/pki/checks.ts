import { checkNameConstraints, constrainedNames } from './constraints.ts';
import type { ConstraintBudget, NameConstraints } from './constraints.ts';
import { ANY_EKU, KU } from './extensions.ts';
import type { KeyUsageName } from './extensions.ts';
import type { ParsedCert } from './parse.ts';
import { policyFailure } from './policy.ts';
import { strictFault } from './profile.ts';
import { fault } from './verdict.ts';
import type { Fault, TrustProfile } from './verdict.ts';

/** Checks on one certificate or one complete path; the search (build.ts) decides when to run them. */
export interface CheckOptions {
  /** Most non-self-issued intermediates a path may hold (Java PKIX `setMaxPathLength`). */
  maxIntermediates: number;
  /** Leaf must allow each of these EKU OIDs when it has an EKU extension. */
  requiredExtendedKeyUsages: readonly string[];
  /** Leaf must assert these keyUsage bits when it has a keyUsage extension. */
  requiredKeyUsages: readonly KeyUsageName[];
  allowSelfSignedLeaf: boolean;
  /** Minimum time the leaf must still be valid for (CA uploads: 12 months in keymanager). */
  minRemainingValidityMs: number;
  /** `keymanager` accepts the leniencies parse.ts records (as warnings); `strict` refuses them. */
  profile: TrustProfile;
}

export interface Blame {
  cert: ParsedCert;
  fault: Fault;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Inclusive validity (RFC 5280 4.1.2.5) at a time already floored to whole seconds. */
export function validityFault(cert: ParsedCert, at: number): Fault | null {
  if (at < cert.notBefore) return fault('KER-PMS-020', 'validity', `not valid before ${iso(cert.notBefore)}`);
  if (at > cert.notAfter) return fault('KER-PCM-004', 'validity', `expired at ${iso(cert.notAfter)}`);
  return null;
}

const keyFault = (c: ParsedCert): Fault | null => ('code' in c.publicKey ? c.publicKey : null);
const schemeFault = (c: ParsedCert): Fault | null => ('code' in c.scheme ? c.scheme : null);

/**
 * Path-independent checks on the leaf, in keymanager's order where it has the check
 * (KER-PMS-020, -004, -017, -015, -007, -013, -014) and the profile checks after.
 * `selfSigned` is evaluated lazily because it costs a signature check.
 */
export function leafFault(leaf: ParsedCert, at: number, o: CheckOptions, selfSigned: () => boolean): Fault | null {
  const eku = leaf.ext.extKeyUsage;
  const ku = leaf.ext.keyUsage;
  return (
    validityFault(leaf, at) ??
    (leaf.notAfter - at < o.minRemainingValidityMs
      ? fault(
          'KER-PCM-017',
          'minimumValidity',
          `valid only until ${iso(leaf.notAfter)}, less than the required minimum`,
        )
      : null) ??
    (!o.allowSelfSignedLeaf && leaf.selfIssued && selfSigned()
      ? fault('KER-PCM-015', 'selfSigned', 'self-signed certificate; a CA-issued certificate is required')
      : null) ??
    leaf.faults.version ??
    keyFault(leaf) ??
    schemeFault(leaf) ??
    leaf.faults.profile ??
    strictFault(leaf, 'leaf', o.profile) ??
    leaf.faults.critical ??
    (eku && !eku.includes(ANY_EKU) ? requiredMissing(o.requiredExtendedKeyUsages, eku) : null) ??
    (ku !== undefined ? missingKeyUsage(o.requiredKeyUsages, ku) : null)
  );
}

function requiredMissing(required: readonly string[], present: readonly string[]): Fault | null {
  const missing = required.filter((p) => !present.includes(p));
  return missing.length
    ? fault('PD_PKI_011', 'extendedKeyUsage', `extendedKeyUsage does not allow ${missing.join(', ')}`)
    : null;
}

function missingKeyUsage(required: readonly KeyUsageName[], flags: number): Fault | null {
  const missing = required.filter((name) => !(flags & (1 << KU[name])));
  return missing.length ? fault('PD_PKI_003', 'keyUsage', `keyUsage does not allow ${missing.join(', ')}`) : null;
}

/** Checks on a certificate used as an issuer; trust anchors get the same ones except their own signature algorithm. */
export function issuerFault(cert: ParsedCert, at: number, isAnchor: boolean, profile: TrustProfile): Fault | null {
  return (
    cert.faults.version ??
    validityFault(cert, at) ??
    cert.faults.asIssuer ??
    strictFault(cert, isAnchor ? 'anchor' : 'intermediate', profile) ??
    cert.faults.profile ??
    cert.faults.critical ??
    keyFault(cert) ??
    (isAnchor ? null : schemeFault(cert))
  );
}

/**
 * The checks that need the whole path, run from the trust anchor down (RFC 5280 6.1): path
 * length, the configured intermediate limit, name constraints and certificate policies. The
 * anchor's own basicConstraints pathLen and nameConstraints apply, as in pyca and OpenSSL.
 */
export function pathFault(path: readonly ParsedCert[], o: CheckOptions, budget: ConstraintBudget): Blame | null {
  const n = path.length;
  const active: NameConstraints[] = [];
  let maxPathLength = Number.POSITIVE_INFINITY;
  let intermediates = 0;
  for (let i = n - 1; i >= 0; i--) {
    const c = path[i]!;
    const isLeaf = i === 0;
    if (i < n - 1) {
      if (active.length > 0 && (isLeaf || !c.selfIssued)) {
        const names = constrainedNames(c.subject, c.subjectEmails, c.ext.subjectAltName?.names);
        for (const nc of active) {
          const f = checkNameConstraints(names, nc, budget);
          if (f) return { cert: c, fault: f };
        }
      }
      if (!isLeaf && !c.selfIssued) {
        if (maxPathLength <= 0)
          return {
            cert: c,
            fault: fault('PD_PKI_002', 'pathLength', 'a pathLenConstraint above forbids another CA here'),
          };
        maxPathLength--;
        if (++intermediates > o.maxIntermediates)
          return {
            cert: c,
            fault: fault('PD_PKI_002', 'pathLength', `more than ${o.maxIntermediates} intermediate CAs`),
          };
      }
    }
    if (!isLeaf) {
      const pathLen = c.ext.basicConstraints?.pathLen;
      if (pathLen !== undefined && pathLen < maxPathLength) maxPathLength = pathLen;
      if (c.ext.nameConstraints) active.push(c.ext.nameConstraints);
    }
  }
  const topDown = path.slice(0, n - 1).reverse();
  const policy = policyFailure(topDown);
  if (policy !== -1) return { cert: topDown[policy.index]!, fault: fault('PD_PKI_012', 'policy', policy.message) };
  return null;
}

/** Non-self-issued intermediates between leaf and anchor, for pruning the search early. */
export const countIntermediates = (path: readonly ParsedCert[]): number =>
  path.slice(1).filter((c) => !c.selfIssued).length;

import { isParsed, parseCertificate } from './parse.ts';
import type { CertInput, ParsedCert } from './parse.ts';
import { CertIndex } from './trust-store.ts';
import type { PkiWarningCode } from './verdict.ts';

/**
 * Parity with the MOSIP backend. Keymanager validates with Java PKIX (CertPathBuilder, revocation
 * off). On x509-limbo it refuses two valid chains (peers/java-pkix.json) that the desk accepts;
 * what they share is detected here so an upload can warn that the backend may still refuse it.
 */
export const BACKEND_REFUSES_VALID_LIMBO_CASES = [
  // Validated 5 ms after notAfter: RFC 5280 has second granularity; Java compares milliseconds.
  'rfc5280::validity::notafter-fractional',
  // The intermediate exists twice (same subject and key) from two issuers; Java's builder picks
  // the one that leads nowhere and does not recover.
  'rfc5280::nc::nc-forbids-alternate-chain-ica',
] as const;

const SECOND = 1000;

/**
 * Warning codes for a validated path (leaf first, trust anchor last):
 * - PD_PKI_W01: `at` lies after some notAfter but within the same second, which the desk
 *   accepts (floored to seconds, RFC 5280) and Java refuses;
 * - PD_PKI_W02: an intermediate on the path has a twin among its namesakes (same subject and key,
 *   different certificate), the shape Java's builder fails on;
 * - PD_PKI_W03: the leaf is signed with RSA-PSS, whose Java name ("RSASSA-PSS") fails keymanager's
 *   "starts with SHA2" rule (KER-PCM-014).
 */
export function refusalWarnings(
  path: readonly ParsedCert[],
  at: number,
  namesakes: (c: ParsedCert) => Iterable<ParsedCert>,
): PkiWarningCode[] {
  const warnings: PkiWarningCode[] = [];
  if (path.some((c) => at > c.notAfter && at - c.notAfter < SECOND)) warnings.push('PD_PKI_W01');
  const onPath = new Set(path.map((c) => c.thumbprint));
  const hasTwin = (c: ParsedCert) => [...namesakes(c)].some((o) => !onPath.has(o.thumbprint) && o.keyId === c.keyId);
  if (path.slice(1, -1).some(hasTwin)) warnings.push('PD_PKI_W02');
  const leaf = path[0];
  if (leaf && 'family' in leaf.scheme && leaf.scheme.family === 'rsa-pss') warnings.push('PD_PKI_W03');
  return warnings;
}

/** The same detector for callers holding raw certificates (e.g. a stored path and the trust store). */
export function backendRefusalWarnings(input: {
  path: readonly CertInput[];
  at: Date;
  otherCertificates?: readonly CertInput[];
}): PkiWarningCode[] {
  const path = input.path.map(parseCertificate).filter(isParsed);
  const others = new CertIndex();
  for (const c of (input.otherCertificates ?? []).map(parseCertificate)) if (isParsed(c)) others.add(c);
  return refusalWarnings(path, input.at.getTime(), (c) => others.bySubject.get(c.subject.key) ?? []);
}

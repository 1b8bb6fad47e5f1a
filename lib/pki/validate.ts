import { performance } from 'node:perf_hooks';
import { refusalWarnings } from './backend.ts';
import { SearchAborted, findPath, signedBy } from './build.ts';
import type { SearchLimits } from './build.ts';
import { issuerFault, leafFault } from './checks.ts';
import type { CheckOptions } from './checks.ts';
import { isParsed, parseCertificate } from './parse.ts';
import { leniencyWarnings, strictFault } from './profile.ts';
import type { CertInput, ParsedCert } from './parse.ts';
import { CertIndex } from './trust-store.ts';
import type { TrustStore } from './trust-store.ts';
import type { CertRole, Fault, PartnerDomain, PathEntry, SearchStats, Verdict } from './verdict.ts';

export interface ValidationOptions extends Partial<CheckOptions>, Partial<SearchLimits> {
  /** Name-constraint comparisons allowed per validation (Go's limit is 250,000). */
  maxConstraintComparisons?: number;
}

export interface ValidationRequest {
  /** The certificate to validate (partner, device, FTM or CA certificate). */
  leaf: CertInput;
  /** Only anchors and stored intermediates of this domain are used. */
  domain: PartnerDomain;
  trust: TrustStore;
  /** Untrusted intermediates that came with the upload (a bundle); never anchors. */
  intermediates?: readonly CertInput[];
  /** Validation time. Offline desks pass their own clock; no default on purpose. */
  at: Date;
  /** `options.profile`, else the profile the trust store sets for the domain, else `keymanager`. */
  options?: ValidationOptions;
}

/**
 * Defaults. maxIntermediates 4 matches keymanager's newer `setMaxPathLength(4)` (Java's own
 * default is 5), so the desk never accepts a path the backend finds too long.
 */
export const DEFAULT_OPTIONS: Required<ValidationOptions> = {
  maxIntermediates: 4,
  requiredExtendedKeyUsages: [],
  requiredKeyUsages: [],
  allowSelfSignedLeaf: false,
  minRemainingValidityMs: 0,
  profile: 'keymanager',
  maxCandidates: 512,
  maxSignatureChecks: 64,
  maxDepth: 10,
  budgetMs: 80,
  clock: () => performance.now(),
  maxConstraintComparisons: 250_000,
};

const summary = (c: ParsedCert) => ({ thumbprint: c.thumbprint, subject: c.subject.text });

const pemOf = (der: Uint8Array): string =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

function entry(c: ParsedCert, role: CertRole): PathEntry {
  c.described ??= {
    ...summary(c),
    issuer: c.issuer.text,
    serialNumber: c.serialNumber,
    notBefore: new Date(c.notBefore).toISOString(),
    notAfter: new Date(c.notAfter).toISOString(),
    pem: pemOf(c.der),
  };
  // The DER is copied per verdict: the cached bytes back later signature checks and must not be shared.
  return { ...c.described, der: new Uint8Array(c.der), role };
}

/**
 * Validates one certificate against the trust anchors of one partner domain. Pure and
 * synchronous: no I/O, no clock but `request.at` (and a monotonic clock for the budget).
 * Every input, however malformed, gives a Verdict; only a bug throws.
 */
export function validateCertificatePath(request: ValidationRequest): Verdict {
  const o: Required<ValidationOptions> = {
    ...DEFAULT_OPTIONS,
    ...request.options,
    profile: request.options?.profile ?? request.trust.profiles?.get(request.domain) ?? DEFAULT_OPTIONS.profile,
  };
  const started = o.clock();
  const stats: SearchStats = { candidates: 0, signatureChecks: 0, elapsedMs: 0 };
  const done = <V extends Verdict>(v: V): V => {
    v.stats.elapsedMs = o.clock() - started;
    return v;
  };
  const profile = o.profile;
  const fail = (f: Fault, cert: ParsedCert | null) =>
    done({ ok: false as const, profile, ...f, cert: cert && summary(cert), stats });
  const warningsOf = (path: ParsedCert[], namesakes: (c: ParsedCert) => Iterable<ParsedCert>) => [
    ...refusalWarnings(path, atMs, namesakes),
    ...leniencyWarnings(path),
  ];
  let atMs = Number.NaN;

  let leaf: ParsedCert | null = null;
  try {
    const parsed = parseCertificate(request.leaf);
    if (!isParsed(parsed)) return fail(parsed, null);
    leaf = parsed;
    atMs = request.at instanceof Date ? request.at.getTime() : Number.NaN;
    if (!Number.isFinite(atMs))
      return fail({ code: 'KER-PCM-004', check: 'validity', message: 'validation time is not a valid date' }, leaf);
    // RFC 5280 validity has one-second granularity: compare whole seconds (limbo notafter-fractional).
    const at = Math.floor(atMs / 1000) * 1000;
    const leafProblem = leafFault(parsed, at, o, () => signedBy(parsed, parsed, stats));
    if (leafProblem) return fail(leafProblem, leaf);

    const trust = request.trust.domains.get(request.domain);
    if (!trust || trust.anchors.size === 0)
      return fail(
        {
          code: 'KER-PCM-005',
          check: 'trustAnchor',
          message: `no trust anchor for partner domain ${request.domain}`,
        },
        leaf,
      );
    if (trust.anchors.thumbprints.has(parsed.thumbprint)) {
      // Already trusted: checked as an anchor, no issuer needed (Java PKIX accepts it the same way).
      const asAnchor = issuerFault(parsed, at, true, profile) ?? strictFault(parsed, 'leaf', profile);
      if (asAnchor) return fail(asAnchor, parsed);
      return done({
        ok: true as const,
        domain: request.domain,
        profile,
        path: [entry(parsed, 'anchor')],
        warnings: warningsOf([parsed], () => []),
        stats,
      });
    }
    const extra = new CertIndex();
    for (const input of request.intermediates ?? []) {
      const c = parseCertificate(input);
      if (isParsed(c)) extra.add(c); // an unreadable bundle member is just not a candidate
    }
    const result = findPath({
      leaf,
      at,
      anchors: trust.anchors,
      pools: [trust.intermediates, extra],
      options: o,
      limits: o,
      stats,
      constraintBudget: { comparisons: o.maxConstraintComparisons },
    });
    if ('blame' in result) return fail(result.blame.fault, result.blame.cert);
    const path = result.path;
    const namesakes = (c: ParsedCert) =>
      [trust.anchors, trust.intermediates, extra].flatMap((index) => index.bySubject.get(c.subject.key) ?? []);
    return done({
      ok: true as const,
      domain: request.domain,
      profile,
      path: path.map((c, i) => entry(c, i === 0 ? 'leaf' : i === path.length - 1 ? 'anchor' : 'intermediate')),
      warnings: warningsOf(path, namesakes),
      stats,
    });
  } catch (e) {
    if (e instanceof SearchAborted) return fail(e.fault, leaf);
    throw e; // a bug, not a verdict: let the host report it as an internal error
  }
}

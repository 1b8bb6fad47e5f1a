import { verifySignature } from './algorithms.ts';
import { Lru } from './cache.ts';
import { countIntermediates, issuerFault, pathFault } from './checks.ts';
import type { Blame, CheckOptions } from './checks.ts';
import type { ConstraintBudget } from './constraints.ts';
import type { ParsedCert } from './parse.ts';
import type { CertIndex } from './trust-store.ts';
import { fault } from './verdict.ts';
import type { Fault, SearchStats } from './verdict.ts';

/**
 * Depth-first path building from the leaf up, with backtracking over every candidate issuer
 * (RFC 4158 style). Candidates are found by normalized issuer/subject name; AKI/SKI only orders
 * them. Cycles are cut by refusing a certificate, or a subject+key pair, already on the path.
 * Work is bounded by a wall-clock deadline and caps on candidates, signature checks and depth.
 */
export interface SearchLimits {
  /** Candidate issuers considered in one validation. */
  maxCandidates: number;
  /** Signature verifications computed in one validation (cache hits are free). */
  maxSignatureChecks: number;
  /** Certificates in one path, leaf and anchor included, self-issued ones too. */
  maxDepth: number;
  /** Wall-clock budget in milliseconds. */
  budgetMs: number;
  /** Monotonic clock in milliseconds (injectable so tests can expire the budget). */
  clock: () => number;
}

export class SearchAborted extends Error {
  constructor(readonly fault: Fault) {
    super(fault.message);
  }
}

/** How convincing a failure is as the explanation of "no valid path". */
const Rank = { NoIssuer: 1, BadSignature: 2, BadIssuer: 3, PathCheck: 4 } as const;
type Rank = (typeof Rank)[keyof typeof Rank];

interface Search {
  at: number;
  anchors: CertIndex;
  pools: readonly CertIndex[];
  options: CheckOptions;
  limits: SearchLimits;
  deadline: number;
  constraintBudget: ConstraintBudget;
  stats: SearchStats;
  best: { rank: Rank; blame: Blame } | null;
}

/** (child thumbprint, issuer key) → signature verified. */
const signatureResults = new Lru<string, boolean>(8192);
let useSignatureCache = true;

/** Benchmarks switch the result cache off to measure the full cost of a cold check. */
export function setSignatureCache(enabled: boolean): void {
  useSignatureCache = enabled;
  signatureResults.clear();
}

export function signedBy(child: ParsedCert, issuer: ParsedCert, stats?: SearchStats): boolean {
  if ('code' in child.scheme || 'code' in issuer.publicKey) return false;
  const key = `${child.thumbprint}:${issuer.keyId}`;
  const cached = useSignatureCache ? signatureResults.get(key) : undefined;
  if (cached !== undefined) return cached;
  if (stats) stats.signatureChecks++;
  const ok = verifySignature(child.tbs, child.signature, child.scheme, issuer.publicKey);
  if (useSignatureCache) signatureResults.set(key, ok);
  return ok;
}

function record(s: Search, rank: Rank, cert: ParsedCert, f: Fault): void {
  if (!s.best || rank > s.best.rank) s.best = { rank, blame: { cert, fault: f } };
}

/** AKI/SKI agreement first, then currently valid, then the longest-lived: a preference, never a filter. */
function ordered(child: ParsedCert, list: readonly ParsedCert[], at: number): ParsedCert[] {
  const aki = child.ext.authorityKeyId;
  const score = (c: ParsedCert) => {
    const ski = c.ext.subjectKeyId;
    const keyMatch = aki === undefined || ski === undefined ? 1 : aki === ski ? 0 : 2;
    const timely = at >= c.notBefore && at <= c.notAfter ? 0 : 1;
    return keyMatch * 2 + timely;
  };
  return list.length < 2 ? [...list] : [...list].sort((a, b) => score(a) - score(b) || b.notAfter - a.notAfter);
}

function spend(s: Search, signatures = 0): void {
  if (s.stats.candidates > s.limits.maxCandidates || s.stats.signatureChecks + signatures > s.limits.maxSignatureChecks)
    throw new SearchAborted(fault('PD_PKI_009', 'pathSearch', 'path search cap reached (too many candidate issuers)'));
  if (s.limits.clock() > s.deadline)
    throw new SearchAborted(
      fault('PD_PKI_008', 'budget', `path validation exceeded its ${s.limits.budgetMs} ms budget`),
    );
}

/** A path, null for a candidate that failed (and was recorded), or 'cycle' for one already on the path. */
function tryIssuer(
  s: Search,
  path: ParsedCert[],
  onPath: Set<string>,
  cand: ParsedCert,
  isAnchor: boolean,
): ParsedCert[] | null | 'cycle' {
  const child = path[path.length - 1]!;
  s.stats.candidates++;
  spend(s, 1);
  if (
    cand.thumbprint === child.thumbprint ||
    (!isAnchor && (onPath.has(cand.thumbprint) || onPath.has(`${cand.subject.key}|${cand.keyId}`)))
  )
    return 'cycle';
  const badSignature = () =>
    record(
      s,
      Rank.BadSignature,
      child,
      fault('PD_PKI_006', 'signature', `signature does not verify with the key of ${cand.subject.text}`),
    );
  const bad = issuerFault(cand, s.at, isAnchor, s.options.profile);
  if (bad) {
    // Blame the issuer only if it really signed the child (otherwise it is just a namesake);
    // skip that signature check when a better explanation is already known.
    if ('code' in cand.publicKey || (s.best && s.best.rank >= Rank.BadIssuer) || signedBy(child, cand, s.stats))
      record(s, Rank.BadIssuer, cand, bad);
    else badSignature();
    return null;
  }
  if (!signedBy(child, cand, s.stats)) {
    badSignature();
    return null;
  }
  const next = [...path, cand];
  if (isAnchor) {
    const blame = pathFault(next, s.options, s.constraintBudget);
    if (!blame) return next;
    if (blame.fault.code === 'PD_PKI_008') throw new SearchAborted(blame.fault);
    record(s, Rank.PathCheck, blame.cert, blame.fault);
    return null;
  }
  if (countIntermediates(next) > s.options.maxIntermediates) {
    record(
      s,
      Rank.BadIssuer,
      cand,
      fault('PD_PKI_002', 'pathLength', `more than ${s.options.maxIntermediates} intermediate CAs`),
    );
    return null;
  }
  if (next.length >= s.limits.maxDepth) {
    record(
      s,
      Rank.BadIssuer,
      cand,
      fault('PD_PKI_009', 'pathSearch', `path deeper than ${s.limits.maxDepth} certificates`),
    );
    return null;
  }
  const keys = [cand.thumbprint, `${cand.subject.key}|${cand.keyId}`];
  for (const k of keys) onPath.add(k);
  const found = extend(s, next, onPath);
  for (const k of keys) onPath.delete(k);
  return found;
}

function extend(s: Search, path: ParsedCert[], onPath: Set<string>): ParsedCert[] | null {
  const child = path[path.length - 1]!;
  let tried = false;
  const attempt = (cand: ParsedCert, isAnchor: boolean): ParsedCert[] | null => {
    const found = tryIssuer(s, path, onPath, cand, isAnchor);
    if (found === 'cycle') return null;
    tried = true;
    return found;
  };
  for (const cand of ordered(child, s.anchors.issuersOf(child), s.at)) {
    const found = attempt(cand, true);
    if (found) return found;
  }
  const seen = new Set<string>();
  for (const pool of s.pools)
    for (const cand of ordered(child, pool.issuersOf(child), s.at)) {
      if (seen.has(cand.thumbprint) || s.anchors.thumbprints.has(cand.thumbprint)) continue;
      seen.add(cand.thumbprint);
      const found = attempt(cand, false);
      if (found) return found;
    }
  if (!tried) record(s, Rank.NoIssuer, child, fault('KER-PCM-006', 'trustAnchor', noIssuerMessage(child)));
  return null;
}

function noIssuerMessage(c: ParsedCert): string {
  if (c.selfIssued) return `${c.subject.text} is self-issued but not a trust anchor of the partner domain`;
  return `no trust anchor or intermediate of the partner domain issued this certificate (issuer ${c.issuer.text})`;
}

export interface SearchInput {
  leaf: ParsedCert;
  at: number;
  anchors: CertIndex;
  pools: readonly CertIndex[];
  options: CheckOptions;
  limits: SearchLimits;
  stats: SearchStats;
  constraintBudget: ConstraintBudget;
}

/** The first valid path found (leaf first), or the most convincing failure. Throws SearchAborted on budget. */
export function findPath(input: SearchInput): { path: ParsedCert[] } | { blame: Blame } {
  const s: Search = {
    ...input,
    deadline: input.limits.clock() + input.limits.budgetMs,
    best: null,
  };
  const onPath = new Set([input.leaf.thumbprint, `${input.leaf.subject.key}|${input.leaf.keyId}`]);
  const path = extend(s, [input.leaf], onPath);
  if (path) return { path };
  return { blame: s.best!.blame }; // extend() records a failure on every way it returns null
}

/**
 * x509-limbo harness for the desk's path validator. Reads the pinned suite, validates every case
 * with `validateCertificatePath` and writes the limbo result format
 * (`{version:1, harness, results:[{id, actual_result, context}]}`) to test-results/limbo-results.json.
 *
 *   npx tsx test/conformance/limbo-harness.ts [--profile strict|keymanager] [limbo.json] [out.json]
 *
 * Mapping of a case onto the engine: trusted certs are the anchors of one partner domain, the
 * untrusted intermediates come with the request (as an uploaded bundle would), the validation time
 * is the case's (now when absent), `max_chain_depth` is the engine's `maxIntermediates`, and the
 * case's EKU / key-usage requirements are passed through. Peer names are not checked: the desk
 * validates partner and device certificates, not TLS server names.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTrustStore, validateCertificatePath } from '../../lib/pki/index.ts';
import type { TrustProfile, Verdict } from '../../lib/pki/index.ts';
import type { KeyUsageName } from '../../lib/pki/extensions.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The pinned suite and the peers' results travel with the repo (x509-limbo/README.md: origin, digest, licence). */
export const LIMBO_DIR = resolve(HERE, 'x509-limbo');
export const LIMBO_PATH = resolve(LIMBO_DIR, 'limbo.json');
export const peerResultsPath = (peer: string): string => resolve(LIMBO_DIR, 'peers', `${peer}.json`);
export const resultsPath = (profile: TrustProfile): string => resolve(HERE, `../../test-results/limbo-results-${profile}.json`);
export const HARNESS_NAME = 'partner-desk-pki';

/** Namespaces of the core PKI subset (README): the gate applies to these. */
export const CORE_NAMESPACES = ['rfc5280', 'pathlen', 'pathological', 'crl', 'cve', 'invalid'] as const;

export interface LimboCase {
  id: string;
  description: string;
  validation_kind: 'SERVER' | 'CLIENT';
  trusted_certs: string[];
  untrusted_intermediates: string[];
  peer_certificate: string;
  validation_time: string | null;
  expected_result: 'SUCCESS' | 'FAILURE';
  key_usage: string[];
  extended_key_usage: string[];
  max_chain_depth: number | null;
  features?: string[];
  expected_peer_name?: { kind: string; value: string } | null;
}

export interface LimboResult {
  id: string;
  actual_result: 'SUCCESS' | 'FAILURE' | 'SKIPPED';
  context: string | null;
}

const EKU: Record<string, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  OCSPSigning: '1.3.6.1.5.5.7.3.9',
  anyExtendedKeyUsage: '2.5.29.37.0',
};

/**
 * Cases not run, with the reason written into the result's context. Only two kinds:
 * revocation (the engine takes no CRLs; keymanager runs PKIX with revocation disabled) and
 * server-name matching (the outcome depends on matching `expected_peer_name`, which the desk
 * never does).
 */
export function skipReason(c: LimboCase): string | null {
  if (c.features?.includes('has-crl')) return 'revocation: CRLs are not an input (keymanager validates with revocation disabled)';
  if (SERVER_NAME_CASES.has(c.id) || /^webpki::(san|cn)::/.test(c.id))
    return 'server name: the outcome depends on matching the expected peer name; partner and device certificates are not matched to host names';
  return null;
}

/** Outside webpki::san / webpki::cn, the cases whose expected failure is a peer-name mismatch or a host-name syntax rule. */
const SERVER_NAME_CASES = new Set([
  'rfc5280::ca-as-leaf-wrong-san', // the CA-as-leaf is fine; only its SAN differs from the peer name
  'rfc5280::san::underscore-dns', // host-name syntax of an unconstrained SAN
  'rfc5280::san::ip-in-dns', // an IP literal in dNSName only matters when matching an IP peer name
]);

export function runCase(c: LimboCase, now: Date, profile: TrustProfile): { verdict: Verdict; result: LimboResult } {
  const trust = createTrustStore(c.trusted_certs.map((cert) => ({ cert, domain: 'AUTH' as const, role: 'anchor' as const })));
  const verdict = validateCertificatePath({
    leaf: c.peer_certificate,
    domain: 'AUTH',
    trust,
    intermediates: c.untrusted_intermediates,
    at: c.validation_time ? new Date(c.validation_time) : now,
    options: {
      profile,
      // keymanager refuses self-signed partner certificates (KER-PCM-015); RFC 5280 does not.
      allowSelfSignedLeaf: true,
      ...(c.max_chain_depth === null ? {} : { maxIntermediates: c.max_chain_depth }),
      requiredExtendedKeyUsages: c.extended_key_usage.map((e) => EKU[e] ?? e),
      requiredKeyUsages: c.key_usage as KeyUsageName[],
    },
  });
  const context = verdict.ok
    ? `path of ${verdict.path.length}${verdict.warnings.length ? `; warnings ${verdict.warnings.join(',')}` : ''}`
    : `${verdict.code} ${verdict.check}: ${verdict.message}`;
  return { verdict, result: { id: c.id, actual_result: verdict.ok ? 'SUCCESS' : 'FAILURE', context } };
}

export function runLimbo(profile: TrustProfile, path = LIMBO_PATH, now = new Date()): { results: LimboResult[]; cases: LimboCase[]; elapsedMs: Record<string, number> } {
  const suite = JSON.parse(readFileSync(path, 'utf8')) as { version: number; testcases: LimboCase[] };
  const elapsedMs: Record<string, number> = {};
  const results = suite.testcases.map((c) => {
    const skip = skipReason(c);
    if (skip) return { id: c.id, actual_result: 'SKIPPED' as const, context: skip };
    const t0 = performance.now();
    const { result } = runCase(c, now, profile);
    elapsedMs[c.id] = performance.now() - t0;
    return result;
  });
  return { results, cases: suite.testcases, elapsedMs };
}

export function writeResults(results: LimboResult[], profile: TrustProfile, out = resultsPath(profile)): void {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ version: 1, harness: `${HARNESS_NAME}-${profile}`, results }, null, 1)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--profile');
  const profile: TrustProfile = at >= 0 && args[at + 1] === 'strict' ? 'strict' : 'keymanager';
  if (at >= 0) args.splice(at, 2);
  const [suite = LIMBO_PATH, out = resultsPath(profile)] = args;
  const t0 = performance.now();
  const { results } = runLimbo(profile, suite);
  writeResults(results, profile, out);
  const count = (r: LimboResult['actual_result']) => results.filter((x) => x.actual_result === r).length;
  console.log(`${profile}: ${results.length} cases: ${count('SUCCESS')} accepted, ${count('FAILURE')} rejected, ${count('SKIPPED')} skipped in ${(performance.now() - t0).toFixed(0)} ms → ${out}`);
}

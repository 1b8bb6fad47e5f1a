/**
 * Trust in a signer: x5c[0] through the path validator (lib/pki) against the partner
 * domain's anchors at `now` (sbi.md §2.2): deviceInfo and data → DEVICE; digitalId → DEVICE for
 * L0, FTM for L1. For a DEVICE_PROVIDER user the device certificate's O= must also equal the
 * partner's organisation, case-insensitively (CTK validateOrgNameInCertificate).
 *
 * A device signs every answer with the same certificate, so successful verdicts are cached per
 * trust store, domain and certificate thumbprint for as long as `now` stays inside every validity
 * period on the path; failures are recomputed (they are rare and may depend on `now`).
 */
import { createHash } from 'node:crypto';
import { parseCertificate, validateCertificatePath } from '../../pki/index.ts';
import type { CertSummary, ParsedCert, PartnerDomain, TrustStore } from '../../pki/index.ts';
import type { DecodedJws } from '../jws.ts';
import { fail, pass, skip } from './types.ts';
import type { Check } from './types.ts';

const OID_O = '2.5.4.10';
const EXPIRY_CODES = new Set(['KER-PCM-004', 'KER-PMS-020']);
const MAX_ENTRIES = 1024;

interface CachedVerdict {
  from: number;
  until: number;
  subject: string;
  organisations: string[];
}

/** Verdicts of one session (a desk window, a bench run). */
export class TrustCache {
  private readonly byStore = new WeakMap<TrustStore, Map<string, CachedVerdict>>();

  get(store: TrustStore, key: string, at: number): CachedVerdict | undefined {
    const v = this.byStore.get(store)?.get(key);
    return v && at >= v.from && at <= v.until ? v : undefined;
  }

  set(store: TrustStore, key: string, v: CachedVerdict): void {
    let m = this.byStore.get(store);
    if (!m) this.byStore.set(store, (m = new Map()));
    if (m.size >= MAX_ENTRIES) m.clear();
    m.set(key, v);
  }
}

export interface TrustOptions {
  trust: TrustStore;
  now: Date;
  /** Partner organisation the device certificate must name (DEVICE domain only). */
  expectedOrg?: string;
  cache?: TrustCache;
}

function organisationsOf(der: Uint8Array): string[] {
  const parsed = parseCertificate(der);
  return 'thumbprint' in parsed
    ? (parsed as ParsedCert).subject.rdns
        .flat()
        .filter((a) => a.oid === OID_O)
        .map((a) => a.text)
    : [];
}

/** The longest issuer walk from x5c[0] that the position search follows (paths are short; stores may loop). */
const MAX_DEPTH = 16;

/**
 * Where the certificate a verdict failed on sits, and who it is. x5c[0] is the signer's own
 * certificate, the only one a device sends; any other came from the trust store, and its place on
 * the path is found by walking issuer names up from x5c[0] ("certificate 2 of the path, the DEVICE
 * trust anchor CN=RootCA, O=Mosip"), so an anchor is never reported as x5c[0].
 */
export function failingCertificate(
  leaf: ParsedCert | null,
  cert: CertSummary | null,
  domain: PartnerDomain,
  trust: TrustStore,
): string {
  if (!cert) return 'no readable certificate';
  const subject = cert.subject || '(empty subject)';
  if (!leaf || cert.thumbprint === leaf.thumbprint) return `certificate 1 of the path, x5c[0] itself (${subject})`;
  const store = trust.domains.get(domain);
  const role = store?.anchors.thumbprints.has(cert.thumbprint)
    ? `the ${domain} trust anchor`
    : `an intermediate CA of the ${domain} trust store`;
  let level: ParsedCert[] = [leaf];
  const seen = new Set<string>([leaf.thumbprint]);
  for (let depth = 2; store && level.length > 0 && depth <= MAX_DEPTH; depth++) {
    const next = level
      .flatMap((c) => [...store.intermediates.issuersOf(c), ...store.anchors.issuersOf(c)])
      .filter((c) => !seen.has(c.thumbprint));
    if (next.some((c) => c.thumbprint === cert.thumbprint))
      return `certificate ${depth} of the path, ${role} (${subject})`;
    next.forEach((c) => seen.add(c.thumbprint));
    level = next;
  }
  return `${role} (${subject})`;
}

const parsedOrNull = (der: Uint8Array): ParsedCert | null => {
  const p = parseCertificate(der);
  return 'thumbprint' in p ? (p as ParsedCert) : null;
};

/** `<subject>.trust` (+ `<subject>.organisation` when an organisation is expected for a DEVICE signer). */
export function checkTrust(
  jws: DecodedJws | null,
  domain: PartnerDomain,
  subject: string,
  opts: TrustOptions,
): Check[] {
  const name = `${subject}.trust`;
  const orgName = `${subject}.organisation`;
  const wantsOrg = opts.expectedOrg !== undefined && domain === 'DEVICE';
  if (!jws) return [skip(name, 'trust', 'not signed'), ...(wantsOrg ? [skip(orgName, 'trust', 'not signed')] : [])];
  const at = opts.now.getTime();
  const key = `${domain}:${createHash('sha256').update(jws.signerDer).digest('hex')}`;
  let verdict = opts.cache?.get(opts.trust, key, at);
  if (!verdict) {
    const v = validateCertificatePath({
      leaf: jws.signerDer,
      domain,
      trust: opts.trust,
      at: opts.now,
    });
    if (!v.ok) {
      const code = EXPIRY_CODES.has(v.code) ? 'SBI_CERT_EXPIRED' : 'SBI_CERT_UNTRUSTED';
      const leaf = parsedOrNull(jws.signerDer);
      const where = failingCertificate(leaf, v.cert, domain, opts.trust);
      const signer = leaf ? ` (${leaf.subject.text})` : '';
      // When x5c[0] itself fails, naming it once is enough; any other certificate is named by its place on the path.
      const atSigner = !leaf || !v.cert || v.cert.thumbprint === leaf.thumbprint;
      const reason = atSigner ? `${v.check} check: ${v.message}` : `${where} fails the ${v.check} check: ${v.message}`;
      const checks = [
        fail(name, 'trust', code, `x5c[0]${signer} is not trusted in domain ${domain}: ${reason}`, {
          domain,
          pkiCode: v.code,
          pkiCheck: v.check,
          failing: where,
        }),
      ];
      return wantsOrg ? [...checks, skip(orgName, 'trust', 'untrusted signer')] : checks;
    }
    verdict = {
      from: Math.max(...v.path.map((p) => Date.parse(p.notBefore))),
      until: Math.min(...v.path.map((p) => Date.parse(p.notAfter))),
      subject: v.path[0]!.subject,
      organisations: organisationsOf(jws.signerDer),
    };
    opts.cache?.set(opts.trust, key, verdict);
  }
  const checks = [pass(name, 'trust', `${verdict.subject} chains to a ${domain} anchor`)];
  if (wantsOrg) {
    const want = opts.expectedOrg!.toLowerCase();
    checks.push(
      verdict.organisations.some((o) => o.toLowerCase() === want)
        ? pass(orgName, 'trust')
        : fail(
            orgName,
            'trust',
            'SBI_CERT_UNTRUSTED',
            `the device certificate names O=${verdict.organisations.join('+') || 'none'}, not the partner's organisation`,
            {
              expected: opts.expectedOrg!,
              actual: verdict.organisations.join('+'),
            },
          ),
    );
  }
  return checks;
}

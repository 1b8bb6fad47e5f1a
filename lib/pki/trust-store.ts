import { isParsed, parseCertificate } from './parse.ts';
import type { CertInput, ParsedCert } from './parse.ts';
import type { Fault, PartnerDomain, TrustProfile } from './verdict.ts';

/**
 * Trust anchors and stored intermediates per partner domain (AUTH, DEVICE, FTM), indexed by
 * normalized subject. A path may only end in an anchor of the domain being validated, as in
 * keymanager, which loads the domain's roots and intermediates into its PKIX builder.
 */
export interface TrustEntry {
  cert: CertInput;
  domain: PartnerDomain;
  role: 'anchor' | 'intermediate';
}

/** Certificates by normalized subject key, deduplicated by thumbprint. */
export class CertIndex {
  readonly bySubject = new Map<string, ParsedCert[]>();
  readonly thumbprints = new Set<string>();

  add(cert: ParsedCert): void {
    if (this.thumbprints.has(cert.thumbprint)) return;
    this.thumbprints.add(cert.thumbprint);
    const list = this.bySubject.get(cert.subject.key);
    if (list) list.push(cert);
    else this.bySubject.set(cert.subject.key, [cert]);
  }

  issuersOf(cert: ParsedCert): readonly ParsedCert[] {
    return this.bySubject.get(cert.issuer.key) ?? [];
  }

  get size(): number {
    return this.thumbprints.size;
  }

  *all(): Iterable<ParsedCert> {
    for (const list of this.bySubject.values()) yield* list;
  }
}

export interface DomainTrust {
  anchors: CertIndex;
  intermediates: CertIndex;
}

export interface TrustStore {
  readonly kind: 'trust-store';
  domains: Map<PartnerDomain, DomainTrust>;
  /** Entries that could not be parsed, by position in the input; they take no part in validation. */
  rejected: Array<{ index: number; fault: Fault }>;
  /** The trust profile a domain is set to (absent: the default); a request's own `profile` option wins. */
  profiles: Map<PartnerDomain, TrustProfile>;
}

export function createTrustStore(
  entries: readonly TrustEntry[],
  profiles: ReadonlyMap<PartnerDomain, TrustProfile> = new Map(),
): TrustStore {
  const store: TrustStore = {
    kind: 'trust-store',
    domains: new Map(),
    rejected: [],
    profiles: new Map(profiles),
  };
  entries.forEach((entry, index) => {
    const parsed = parseCertificate(entry.cert);
    if (!isParsed(parsed)) {
      store.rejected.push({ index, fault: parsed });
      return;
    }
    domainTrust(store, entry.domain)[entry.role === 'anchor' ? 'anchors' : 'intermediates'].add(parsed);
  });
  return store;
}

export function domainTrust(store: TrustStore, domain: PartnerDomain): DomainTrust {
  let d = store.domains.get(domain);
  if (!d) store.domains.set(domain, (d = { anchors: new CertIndex(), intermediates: new CertIndex() }));
  return d;
}

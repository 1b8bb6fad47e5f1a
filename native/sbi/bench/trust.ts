/**
 * The bench's trust store: the product's own (DEVICE and FTM domains, as the admin imported them)
 * plus CA certificates given for one run (`--trust`), so a vendor can test against its own PKI
 * without importing it. Self-issued certificates become anchors, others intermediates.
 */
import { createTrustStore, parseCertificate, splitPem } from '../../../lib/pki/index.ts';
import type { ParsedCert, TrustEntry, TrustStore } from '../../../lib/pki/index.ts';

export type SbiDomain = 'DEVICE' | 'FTM';
export const SBI_DOMAINS: readonly SbiDomain[] = ['DEVICE', 'FTM'];

export class TrustInputError extends Error {
  override name = 'TrustInputError';
}

/** Every certificate of a PEM text, for the given domains; throws TrustInputError naming what is wrong. */
export function trustEntriesFromPem(
  pem: string,
  domains: readonly SbiDomain[] = SBI_DOMAINS,
  source = 'PEM',
): TrustEntry[] {
  const blocks = splitPem(pem);
  if (blocks.length === 0) throw new TrustInputError(`${source} holds no PEM certificate`);
  return blocks.flatMap((block, i) => {
    const parsed = parseCertificate(block);
    if (!('thumbprint' in parsed))
      throw new TrustInputError(`${source}: certificate ${i + 1} cannot be read (${parsed.message})`);
    const cert = parsed as ParsedCert;
    const role = cert.subject.key === cert.issuer.key ? 'anchor' : 'intermediate';
    return domains.map((domain): TrustEntry => ({ cert, domain, role }));
  });
}

/** A new store with everything of `base` (may be null) and `extra`. `base` itself is not changed. */
export function extendTrustStore(base: TrustStore | null, extra: readonly TrustEntry[]): TrustStore {
  const entries: TrustEntry[] = [];
  for (const [domain, d] of base?.domains ?? []) {
    for (const cert of d.anchors.all()) entries.push({ cert, domain, role: 'anchor' });
    for (const cert of d.intermediates.all()) entries.push({ cert, domain, role: 'intermediate' });
  }
  return createTrustStore([...entries, ...extra], base?.profiles);
}

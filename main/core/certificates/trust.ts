import { createTrustStore } from '../../../lib/pki/index.ts';
import type { PartnerDomain, TrustProfile, TrustStore } from '../../../lib/pki/index.ts';
import type { ReadDb, WriteDb } from '../context.ts';

interface Cached {
  key: string;
  store: TrustStore;
}
const cache = new WeakMap<object, Cached>();

/**
 * The domain trust store as the validator wants it, rebuilt only when the CA table changes
 * (parsed certificates and imported keys stay cached by thumbprint inside the engine).
 */
export function trustStoreOf(db: ReadDb | WriteDb): TrustStore {
  const version = db
    .prepare(
      "SELECT COUNT(*) AS n, COALESCE(MAX(uploaded_at), '') AS t, COALESCE(SUM(length(id)), 0) AS s FROM ca_certificate",
    )
    .get() as { n: number; t: string; s: number };
  const profiles = trustProfiles(db);
  const key = `${version.n}|${version.t}|${version.s}|${[...profiles].join(',')}`;
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.store;
  const rows = db.prepare('SELECT domain, ca_type, der FROM ca_certificate ORDER BY uploaded_at, id').all() as Array<{
    domain: PartnerDomain;
    ca_type: 'ROOT' | 'INTERMEDIATE';
    der: Buffer;
  }>;
  const store = createTrustStore(
    rows.map((r) => ({
      cert: new Uint8Array(r.der),
      domain: r.domain,
      role: r.ca_type === 'ROOT' ? 'anchor' : 'intermediate',
    })),
    profiles,
  );
  cache.set(db, { key, store });
  return store;
}

/** The trust profile set per partner domain (migration 0100); a domain without a row uses the default. */
export function trustProfiles(db: ReadDb | WriteDb): Map<PartnerDomain, TrustProfile> {
  const rows = db.prepare('SELECT domain, profile FROM trust_profile ORDER BY domain').all() as Array<{
    domain: PartnerDomain;
    profile: TrustProfile;
  }>;
  return new Map(rows.map((r) => [r.domain, r.profile]));
}

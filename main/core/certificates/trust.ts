import { createTrustStore } from '../pki/index.ts';
import type { PartnerDomain, TrustStore } from '../pki/index.ts';
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
  const version = db.prepare('SELECT COUNT(*) AS n, COALESCE(MAX(uploaded_at), \'\') AS t, COALESCE(SUM(length(id)), 0) AS s FROM ca_certificate').get() as { n: number; t: string; s: number };
  const key = `${version.n}|${version.t}|${version.s}`;
  const hit = cache.get(db);
  if (hit && hit.key === key) return hit.store;
  const rows = db.prepare('SELECT domain, ca_type, der FROM ca_certificate ORDER BY uploaded_at, id').all() as Array<{ domain: PartnerDomain; ca_type: 'ROOT' | 'INTERMEDIATE'; der: Buffer }>;
  const store = createTrustStore(rows.map((r) => ({ cert: new Uint8Array(r.der), domain: r.domain, role: r.ca_type === 'ROOT' ? 'anchor' : 'intermediate' })));
  cache.set(db, { key, store });
  return store;
}

import type { CoreDeps } from './deps.ts';

/**
 * Ids for policy groups, policies, link requests and API keys. MOSIP draws six decimal digits;
 * 64 random bits as hex keep them short enough to read out and copy, without collisions.
 */
export function newId(deps: Pick<CoreDeps, 'randomBytes'>): string {
  return deps.randomBytes(8).toString('hex');
}

/**
 * A v4 UUID from the command's random source. Commands take ids only from `deps.randomBytes`:
 * sync replays a command with the same seeded source, so the server makes the same ids as the desk.
 */
export function newUuid(deps: Pick<CoreDeps, 'randomBytes'>): string {
  const b = Buffer.from(deps.randomBytes(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

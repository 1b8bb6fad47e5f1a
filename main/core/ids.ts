import type { CoreDeps } from './deps.ts';

/**
 * Ids for policy groups, policies, link requests and API keys. MOSIP draws six decimal digits;
 * 64 random bits as hex keep them short enough to read out and copy, without collisions.
 */
export function newId(deps: Pick<CoreDeps, 'randomBytes'>): string {
  return deps.randomBytes(8).toString('hex');
}

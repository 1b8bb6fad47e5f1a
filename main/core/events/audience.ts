import { PARTNER_TYPES } from '../../contract/index.ts';
import type { DataTopic, Role } from '../../contract/index.ts';
import { POLICY_ADMINS, POLICY_PARTNER_ROLES } from '../../contract/methods/policies.ts';
import type { Actor, ReadDb } from '../context.ts';

/**
 * Who may hear an event. The core attaches one to every event it emits and both hosts deliver
 * through `EventSubscriptions` (./subscriptions.ts), so the desktop and the browser route alike.
 */
export type Audience =
  /** Only the session (SHA-256 of its token) that started the work: stream frames, task progress. */
  | { session: string }
  /**
   * Holders of one of `roles` — a partner role counts only with an approved, active partner of that
   * type when `activePartner` is set — and the owners of one of `partners`.
   */
  | { roles: readonly Role[]; partners?: readonly string[]; activePartner?: boolean };

/** A signed-in session as the event channel sees it, re-read from the database at each delivery. */
export interface Viewer {
  actor: Actor;
  /** Partner roles backed by an approved, active partner of this user. */
  activeRoles: ReadonlySet<Role>;
}

const ROLE_OF_TYPE = new Map<string, Role>(PARTNER_TYPES.map((t) => [t.code, t.role]));
const ADMIN_ONLY: readonly Role[] = ['PARTNER_ADMIN'];
/** The portal's programs are a shared catalogue for applicants; applications are the program admin's to review. */
const PORTAL_AUDIENCE: Partial<Record<DataTopic, readonly Role[]>> = {
  programs: ['PROGRAM_ADMIN', 'APPLICANT'],
  applications: ['PROGRAM_ADMIN'],
  assisted: ['REGISTRATION_OFFICER'],
};

/** The partner roles this user holds through an approved, active partner (hardware needs one). */
export function activePartnerRoles(db: ReadDb, userId: string): Set<Role> {
  const rows = db
    .prepare(
      "SELECT partner_type_code AS type FROM partner WHERE user_id = ? AND approval_status = 'approved' AND is_active = 1",
    )
    .all(userId) as Array<{ type: string }>;
  return new Set(rows.map((r) => ROLE_OF_TYPE.get(r.type)).filter((r): r is Role => r !== undefined));
}

export function hears(audience: Audience, viewer: Viewer): boolean {
  const { actor } = viewer;
  if ('session' in audience) return audience.session === actor.sessionHash;
  // The viewer owns a partner or two; the audience may name thousands (a job's expiries).
  if (audience.partners && actor.partnerIds.some((p) => audience.partners!.includes(p))) return true;
  return audience.roles.some(
    (r) =>
      actor.roles.includes(r) &&
      (!audience.activePartner || r === 'PARTNER_ADMIN' || r === 'POLICYMANAGER' || viewer.activeRoles.has(r)),
  );
}

/**
 * Who hears `data.changed {topic}`: the admin roles that read the topic, plus the owners of the
 * partners the change touched — a partner never hears of another partner's change. Policies are the
 * one shared catalogue: a published or retired policy or group concerns every partner that picks
 * policies, so those changes pass `shared`.
 */
export function dataAudience(topic: DataTopic, partners: readonly string[], shared: boolean): Audience {
  const admins =
    PORTAL_AUDIENCE[topic] ?? (topic === 'policies' || topic === 'policyLinking' ? POLICY_ADMINS : ADMIN_ONLY);
  const roles = topic === 'policies' && shared ? [...admins, ...POLICY_PARTNER_ROLES] : admins;
  return partners.length > 0 ? { roles, partners } : { roles };
}

import type { z } from 'zod';
import { z as zod } from 'zod';
import { accountMethods } from './methods/accounts.ts';
import { auditMethods } from './methods/audit.ts';
import { dashboardMethods } from './methods/dashboard.ts';
import { policyMethods } from './methods/policies.ts';
import { linkingMethods } from './methods/linking.ts';
import { partnerMethods } from './methods/partners.ts';
import { authServiceMethods } from './methods/auth-services.ts';
import { certificateMethods } from './methods/certificates.ts';
import { deviceMethods } from './methods/devices.ts';
import { ftmMethods } from './methods/ftm.ts';
import { hardwareEvents, hardwareMethods } from './methods/hardware.ts';
import { syncEvents, syncMethods } from './methods/sync.ts';
import { notificationMethods } from './methods/notifications.ts';
import { releaseMethods } from './methods/releases.ts';
import { assistedMethods } from './methods/assisted.ts';
import { idServiceMethods } from './methods/id-service.ts';
import { portalAdminMethods, portalApplicantMethods, portalAuthMethods } from './methods/portal.ts';
import type { ErrorBody } from './errors.ts';
import { DataTopic } from './common.ts';

/**
 * The contract: every method and event the UI may call or hear. Preload, the renderer's API
 * client and both hosts derive from this object; adding a method is one entry in a methods/ file.
 */
export const contract = {
  ...accountMethods,
  ...auditMethods,
  ...dashboardMethods,
  ...policyMethods,
  ...linkingMethods,
  ...partnerMethods,
  ...authServiceMethods,
  ...certificateMethods,
  ...deviceMethods,
  ...ftmMethods,
  ...hardwareMethods,
  ...syncMethods,
  ...notificationMethods,
  ...releaseMethods,
  ...idServiceMethods,
  ...portalAdminMethods,
  ...portalApplicantMethods,
  ...portalAuthMethods,
  ...assistedMethods,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Input<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type Output<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(contract, value);
}

/**
 * Events pushed from the core. A UI hears them only for a signed-in session it names with
 * `listenAs`, and only those meant for it: frames and task progress for the session that started
 * them, `data.changed` by role and ownership.
 */
export const events = {
  /** Something in `topic` changed; screens showing it refetch. */
  'data.changed': zod.object({ topic: DataTopic }),
  ...hardwareEvents,
  ...syncEvents,
};
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** What every transport returns for a call. */
export type CallResult<M extends MethodName> = { ok: true; result: Output<M> } | { ok: false; error: ErrorBody };

/** The API object the renderer programs against, whichever host is behind it. */
export interface PartnerDeskTransport {
  call<M extends MethodName>(method: M, input: Input<M>, session: string | null): Promise<CallResult<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** The session whose events this UI hears (null: signed out, none). Called on every sign-in and sign-out. */
  listenAs(session: string | null): void;
}

export * from './errors.ts';
export * from './common.ts';
export type { MethodSpec, Access } from './spec.ts';
export { changesOf, readsOf } from './spec.ts';
export type { UserProfile } from './methods/accounts.ts';
export * from './channels.ts';
export { DEFAULT_TRUST_PROFILE, PARTNER_DOMAINS, PKI_WARNING_CODES, TRUST_PROFILES } from './methods/certificates.ts';
export type { PartnerDomainName, PkiWarningCode, TrustProfileName } from './methods/certificates.ts';
export { AUDIT_SORT_FIELDS } from './methods/audit.ts';
export type { SyncStatusView, QueueItemView, PulledChange, SyncActivityView } from './methods/sync.ts';
export { SYNC_MAX_PUSH_BYTES } from './methods/sync.ts';
export {
  NOTIFICATION_TYPES,
  ADMIN_NOTIFICATION_TYPES,
  PARTNER_NOTIFICATION_ROLES,
  notificationObjectPath,
} from './methods/notifications.ts';
export type { NotificationType, NotificationDetails } from './methods/notifications.ts';
export * from './methods/portal-model.ts';
export { FINGER_NAMES, IRIS_NAMES, MODALITIES, ASSISTED_STATES } from './methods/assisted.ts';

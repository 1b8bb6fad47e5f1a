import { contract, type MethodName } from './index.ts';

/**
 * The audit log's words. Records keep stable identifiers (module, action = method name, reference
 * type), so a log written in one language reads in another; the UI translates them from these
 * lists, and a unit test checks that every word has an en/fr/ar translation.
 */
export const AUDIT_MODULES = [
  'accounts',
  'assisted',
  'authServices',
  'certificates',
  'demo',
  'devices',
  'ftm',
  'hardware',
  'idService',
  'idaClient',
  'notifications',
  'partners',
  'policies',
  'portal',
  'releases',
  'sync',
  'trust-store',
  'updates',
] as const;
export type AuditModule = (typeof AUDIT_MODULES)[number];

/** Every method that writes an audit record: all but queries. */
export const AUDITED_METHODS: readonly MethodName[] = (Object.keys(contract) as MethodName[]).filter(
  (m) => contract[m].kind !== 'query',
);

/** Audited events that are not contract methods (the ID service's endpoints, jobs' own records). */
export const AUDIT_EVENTS = [
  'idService.kyc',
  'idService.auth',
  'keys.create',
  'notifications.created',
  'notifications.mail',
] as const;

/** What a record's reference points at. */
export const AUDIT_REF_TYPES = [
  'apiKey',
  'application',
  'assisted',
  'ca_certificate',
  'demo',
  'desk',
  'device',
  'ftm',
  'idaClient',
  'idaKey',
  'individual',
  'job',
  'mispLicense',
  'notification',
  'oidcClient',
  'partner',
  'partner_certificate',
  'policy',
  'policyGroup',
  'policyRequest',
  'port',
  'portalForm',
  'program',
  'registrant',
  'release',
  'releaseChannel',
  'sbi',
  'stream',
  'syncSetting',
  'task',
  'trust_profile',
  'user',
  'virtualSbi',
] as const;
export type AuditRefType = (typeof AUDIT_REF_TYPES)[number];

/** What an audit record points at: a reference type from the list above and the object's id. */
export interface AuditRef {
  type: AuditRefType;
  id: string;
}

import type { AuditRef, AuditRefType } from '../../contract/audit-vocabulary.ts';

/** Input fields that name the object a command acts on, most specific first. */
const ID_FIELDS: ReadonlyArray<readonly [string, AuditRefType]> = [
  ['assistedId', 'assisted'],
  ['applicationId', 'application'],
  ['notificationId', 'notification'],
  ['releaseId', 'release'],
  ['deviceId', 'device'],
  ['sbiId', 'sbi'],
  ['ftmId', 'ftm'],
  ['clientId', 'oidcClient'],
  ['formId', 'portalForm'],
  ['programId', 'program'],
  ['policyId', 'policy'],
  ['policyGroupId', 'policyGroup'],
  ['partnerId', 'partner'],
  ['mispPartnerId', 'partner'],
  ['userId', 'user'],
];

/** Methods whose input names its object by a bare `id`. */
const BARE_ID: Readonly<Record<string, AuditRefType>> = {
  linking: 'policyRequest',
  apiKeys: 'apiKey',
};

/**
 * What a refused command was aimed at, read from its input: a refused "deactivate partner X" must
 * name X in the log, or an admin cannot tell which attempt failed.
 */
export function inputRef(method: string, input: unknown): AuditRef | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const fields = input as Record<string, unknown>;
  for (const [field, type] of ID_FIELDS) {
    const id = fields[field];
    if (typeof id === 'string' && id !== '') return { type, id };
  }
  const bare = BARE_ID[method.split('.')[0] ?? ''];
  const id = fields.id;
  return bare && typeof id === 'string' && id !== '' ? { type: bare, id } : undefined;
}

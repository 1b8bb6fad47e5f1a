import type { TFunction } from 'i18next';
import {
  AUDIT_EVENTS,
  AUDIT_MODULES,
  AUDIT_REF_TYPES,
  AUDITED_METHODS,
  NOTIFICATION_TYPES,
  type AuditModule,
  type AuditRefType,
  type NotificationType,
} from '../contract.ts';

type AuditEvent = (typeof AUDIT_EVENTS)[number];

const isIn = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** A record's module in words; an unknown one (a newer server's) as it is. */
export function auditModuleLabel(t: TFunction, module: string): string {
  return isIn<AuditModule>(AUDIT_MODULES, module) ? t(`audit.words.modules.${module}`) : module;
}

/**
 * A record's action in words. Every audited method and event has one in each language (a unit
 * test checks it: the contract's kinds are not literal types, so the compiler cannot).
 */
export function auditActionLabel(t: TFunction, action: string): string {
  if (
    isIn<string>(AUDITED_METHODS, action) ||
    (isIn<AuditEvent>(AUDIT_EVENTS, action) && action !== 'notifications.created')
  )
    return t(`audit.words.actions.${action}` as 'audit.words.actions.setup.createAdmin');
  const created = /^notifications\.created\.(.+)$/.exec(action)?.[1];
  if (created && isIn<NotificationType>(NOTIFICATION_TYPES, created))
    return t('audit.words.actions.notifications.created', { type: t(`notifications.type.${created}`) });
  return action;
}

export function auditRefTypeLabel(t: TFunction, type: string): string {
  return isIn<AuditRefType>(AUDIT_REF_TYPES, type) ? t(`audit.words.refTypes.${type}`) : type;
}

/** The module filter's choices, in the reader's words and alphabetical order. */
export function auditModuleOptions(t: TFunction, locale: string): Array<{ value: string; label: string }> {
  return AUDIT_MODULES.map((m) => ({ value: m, label: auditModuleLabel(t, m) })).sort((a, b) =>
    a.label.localeCompare(b.label, locale),
  );
}

/** The action filter's choices: every audited method and event, in words. */
export function auditActionOptions(t: TFunction, locale: string): Array<{ value: string; label: string }> {
  const actions = [...AUDITED_METHODS, ...AUDIT_EVENTS];
  return actions
    .filter((a) => a !== 'notifications.created')
    .map((a) => ({ value: a, label: auditActionLabel(t, a) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

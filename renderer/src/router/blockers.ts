import { i18n } from '../i18n/index.ts';

/** Each dirty form registers a check; navigation asks before throwing its edits away. */
const blockers = new Set<() => boolean>();

export function addBlocker(isDirty: () => boolean): () => void {
  blockers.add(isDirty);
  return () => {
    blockers.delete(isDirty);
  };
}

export function hasUnsavedChanges(): boolean {
  for (const isDirty of blockers) if (isDirty()) return true;
  return false;
}

/** True when leaving is fine: nothing dirty, or the user agreed to discard. */
export function confirmLeave(): boolean {
  return !hasUnsavedChanges() || window.confirm(i18n.t('common.unsavedChanges'));
}

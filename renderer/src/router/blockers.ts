import { useSyncExternalStore } from 'react';

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

/** The open question "leave and discard?", answered by the app's own dialog (LeaveDialog). */
type Answer = (leave: boolean) => void;
let question: Answer | null = null;
const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

/**
 * Resolves true when leaving is fine: nothing dirty, or the user chose to discard. Asked in the
 * app's dialog rather than window.confirm, which is untranslated chrome, blocks the renderer and
 * ignores the page's direction. A second attempt while the question is open is refused.
 */
export function askLeave(): Promise<boolean> {
  if (!hasUnsavedChanges()) return Promise.resolve(true);
  if (question) return Promise.resolve(false);
  return new Promise((resolve) => {
    question = (leave) => {
      question = null;
      notify();
      resolve(leave);
    };
    notify();
  });
}

/** The pending question's answer function, or null when nothing is being asked. */
export function useLeaveQuestion(): Answer | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => question,
  );
}

import { useEffect } from 'react';
import { addBlocker } from './blockers.ts';

/**
 * Guards a form against losing edits: in-app navigation asks first, and closing/reloading the
 * window triggers the browser's own prompt. `isDirty` is read at the moment of leaving (a ref),
 * so a form that just saved can mark itself clean and navigate in the same tick.
 */
export function useUnsavedGuard(isDirty: () => boolean): void {
  useEffect(() => {
    const remove = addBlocker(isDirty);
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isDirty()) return;
      event.preventDefault();
      event.returnValue = ''; // still needed by some Chromium versions
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      remove();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [isDirty]);
}

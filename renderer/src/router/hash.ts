import { useSyncExternalStore } from 'react';
import { askLeave, hasUnsavedChanges } from './blockers.ts';

export interface Route {
  /** Path without the leading '#', e.g. '/done/registered'. */
  path: string;
  segments: string[];
  query: URLSearchParams;
}

const listeners = new Set<() => void>();
/** The hash the app is showing; differs from location.hash only while a leave is being confirmed. */
let current = window.location.hash;

function notify(): void {
  for (const listener of listeners) listener();
}

// Back/forward and typed URLs arrive as hashchange; a dirty form can veto them: the address goes
// back at once, and goes on to the target only if the user chooses to discard.
window.addEventListener('hashchange', () => {
  if (window.location.hash === current) return;
  if (hasUnsavedChanges()) {
    const target = window.location.hash;
    window.history.pushState(null, '', current || '#/');
    void askLeave().then((leave) => {
      if (leave) navigate(target.replace(/^#/, ''), { force: true });
    });
    return;
  }
  current = window.location.hash;
  notify();
});

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const at = raw.indexOf('?');
  const pathPart = at < 0 ? raw : raw.slice(0, at);
  const queryPart = at < 0 ? '' : raw.slice(at + 1);
  const path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  return { path, segments: path.split('/').filter(Boolean), query: new URLSearchParams(queryPart) };
}

export interface NavigateOptions {
  replace?: boolean;
  /** Skip the unsaved-changes question (session ended, form just saved). */
  force?: boolean;
}

/**
 * Goes to `to`. On a dirty form (unless forced) it asks first and goes only if the user chooses to
 * discard; it then returns false, as nothing has moved yet.
 */
export function navigate(to: string, options: NavigateOptions = {}): boolean {
  const hash = `#${to.startsWith('/') ? to : `/${to}`}`;
  if (hash === current) return true;
  if (!options.force && hasUnsavedChanges()) {
    void askLeave().then((leave) => {
      if (leave) navigate(to, { ...options, force: true });
    });
    return false;
  }
  current = hash;
  // pushState does not fire hashchange, so the confirm above is the only one asked.
  if (options.replace) window.history.replaceState(null, '', hash);
  else window.history.pushState(null, '', hash);
  notify();
  return true;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const getSnapshot = () => current;

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, getSnapshot);
  return parseHash(hash);
}

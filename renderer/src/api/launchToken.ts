/**
 * The web host's per-launch token. It arrives in the URL fragment of the printed address
 * (`/#launch=…`), which no request carries, and leaves the page only in the launch header of calls
 * and as a subprotocol of the event socket — never as a cookie, which the browser would also send
 * to every other port on 127.0.0.1. Kept in memory and in sessionStorage (this tab and this exact
 * origin only) so a reload keeps working. Imported first by main.tsx, before the router reads the
 * fragment. In Electron there is no token and nothing here is used.
 */
const KEY = 'pd.launch';
const FRAGMENT = /^#launch=([A-Za-z0-9_-]{16,128})$/;

function fromStorage(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function take(): string | null {
  const match = FRAGMENT.exec(window.location.hash);
  if (!match?.[1]) return fromStorage();
  // Out of the address bar and the history entry: nothing to copy, bookmark or share by mistake.
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  try {
    sessionStorage.setItem(KEY, match[1]);
  } catch {
    // memory still holds it; only reload-survival is lost
  }
  return match[1];
}

const token = take();

export function launchToken(): string | null {
  return token;
}

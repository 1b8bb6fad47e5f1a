/**
 * The page a signed-out user asked for before the guard sent them to sign in. Sign-in with an ID
 * leaves the app for the identity provider and comes back as a new page load, so the route rides
 * in sessionStorage (this tab, this origin) across the redirect and is taken once on the way back.
 */
const KEY = 'pd.portal.wanted';
/** A hash route of this app: a path of plain segments and an optional query — never a URL elsewhere. */
const ROUTE = /^\/[A-Za-z0-9/_-]*(\?[A-Za-z0-9=&%._~+-]*)?$/;

let wanted: string | null = null;

/** Called by the guard when it sends a signed-out user from a private page to sign-in. */
export function rememberWanted(route: string): void {
  if (ROUTE.test(route)) wanted = route;
}

/** Before leaving for the provider: keep where to land (the portal's programs when nothing was asked for). */
export function keepWantedAcrossRedirect(fallback: string): void {
  try {
    sessionStorage.setItem(KEY, wanted ?? fallback);
  } catch {
    // storage unavailable: the applicant lands on the fallback page
  }
}

/** On the way back: the kept route, once; anything that is not one of this app's routes is ignored. */
export function takeWanted(fallback: string): string {
  let kept: string | null = null;
  try {
    kept = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
  } catch {
    // as above
  }
  return kept !== null && ROUTE.test(kept) ? kept : fallback;
}

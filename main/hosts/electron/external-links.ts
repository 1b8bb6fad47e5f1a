/**
 * Hosts the desktop app may hand to the system browser (`shell.openExternal`). Exact host names
 * only, https only; anything else clicked in the UI is silently dropped (and logged).
 * Add a host here deliberately — this list is the whole policy.
 */
export const EXTERNAL_HOST_ALLOWLIST: readonly string[] = [
  'mosip.io',
  'www.mosip.io',
  'docs.mosip.io',
  'docs.openg2p.org',
  'github.com',
];

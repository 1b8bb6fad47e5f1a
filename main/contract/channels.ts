/** IPC channel names shared by the Electron host and the preload (the preload imports only the contract). */
export const CALL_CHANNEL_PREFIX = 'pd:call:';
export const EVENT_CHANNEL = 'pd:event';
export const READY_CHANNEL = 'pd:ready';
/** The renderer names the session whose events its window hears (a token, or null when signed out). */
export const EVENT_SESSION_CHANNEL = 'pd:events-session';

/** How long a session lasts without activity (the session cookie's max age too). Each touch pushes it forward. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;
/**
 * How old this process's copy of a session may be before a request reads it again
 * from the store: the longest a revocation made on another web server goes
 * unnoticed here. This process's own changes apply at once.
 */
export const SESSION_SYNC_MS = 2_000;
/** "Last seen" is written at most this often per session (and moves the idle expiry). */
export const SESSION_TOUCH_MS = 5 * 60_000;
/** How often an open event stream re-checks its session for changes made elsewhere. */
export const SESSION_RECHECK_MS = 2_000;

/**
 * Why a sign-in was refused, as the code next-auth carries to the browser
 * (`signIn()`'s `error`, or `?error=` on /signin) and the sentence the sign-in page
 * shows for it. Shared by the server (which makes the codes) and the sign-in form
 * (which reads them), so it imports nothing.
 */
const LOCKED = "SignInLocked";

/** Too many failed attempts for this account or address: retry after `seconds`. */
export const lockedCode = (seconds: number) => `${LOCKED}:${Math.max(1, Math.ceil(seconds))}`;
/** The password checks are queued to capacity, or another attempt for the account is being checked. */
export const BUSY_CODE = "SignInBusy";
/** OIDC: the provider knows the person, the allow-list does not. */
export const OIDC_NOT_ALLOWED = "OidcNotAllowed";
/** OIDC: allowed, but no claim value maps to a role here (and no OIDC_DEFAULT_ROLE is set). */
export const OIDC_NO_ROLE = "OidcNoRole";
/** OIDC: the scope claim is there but not {teams, queues}. */
export const OIDC_BAD_SCOPE = "OidcBadScope";

const FIXED: Record<string, string> = {
  CredentialsSignin: "Wrong username or password.",
  [BUSY_CODE]: "The server is busy checking other sign-ins. Try again in a few seconds.",
  [OIDC_NOT_ALLOWED]: "Your single sign-on account is not allowed into this application. Ask your administrator to add you.",
  [OIDC_NO_ROLE]: "Your single sign-on account has no role in this application. Ask your administrator to give you one.",
  [OIDC_BAD_SCOPE]: "Your single sign-on account's team and queue scope could not be read. Ask your administrator.",
  OAuthSignin: "Single sign-on could not be started. Try again, or ask your administrator.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  AccessDenied: "Access was denied.",
  SessionRequired: "Sign in to continue.",
};

function clock(at: Date): string {
  return at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

/** The sentence for a refusal code, or undefined for a code this product does not make. `now` is the browser's clock. */
export function refusalMessage(code: string, now: Date = new Date()): string | undefined {
  if (code.startsWith(`${LOCKED}:`)) {
    const seconds = Number(code.slice(LOCKED.length + 1));
    if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
    const minutes = Math.ceil(seconds / 60);
    const wait = seconds < 60 ? `${seconds} seconds` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
    return `Too many failed sign-ins. Try again in ${wait} (at ${clock(new Date(now.getTime() + seconds * 1000))}).`;
  }
  return FIXED[code];
}

import { HashQueueFull } from "./hash-queue";
import { BUSY_CODE, lockedCode } from "./sign-in-refusal";
import { SignInThrottle } from "./throttle/sign-in-throttle";

/**
 * A refused sign-in. Its message is the refusal code (lib/auth/sign-in-refusal.ts):
 * thrown from the credentials provider's `authorize`, next-auth hands the message to
 * the browser as `error`, and the sign-in page turns it into a sentence.
 */
export class SignInRefused extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = "SignInRefused";
  }
}

export type PasswordAttempt = { username: string; password: string; address: string };

/**
 * A username and password, throttled: the throttle is asked before any hashing (a
 * locked account or address is refused even with the right password, and costs no
 * scrypt), and told the outcome after. A full hashing queue answers "busy" and does
 * not count as a failure.
 */
export async function signInWithPassword<U>(
  attempt: PasswordAttempt,
  check: (username: string, password: string) => Promise<U | null>,
  throttle: SignInThrottle,
  now: () => number = Date.now,
): Promise<U | null> {
  const admission = throttle.admit(attempt.username, attempt.address, now());
  if (admission.kind === "locked") throw new SignInRefused(lockedCode((admission.until - now()) / 1000));
  if (admission.kind === "busy") throw new SignInRefused(BUSY_CODE);
  let ok: boolean | undefined;
  try {
    const user = await check(attempt.username, attempt.password);
    ok = user !== null;
    return user;
  } catch (e) {
    if (e instanceof HashQueueFull) throw new SignInRefused(BUSY_CODE);
    throw e;
  } finally {
    throttle.finish(admission.ticket, ok, now());
  }
}

const KEY = Symbol.for("cc-supervisor.sign-in-throttle");
type Holder = { [KEY]?: SignInThrottle };

/** The process's one throttle (kept on globalThis: Next.js may load this module more than once). */
export function signInThrottle(): SignInThrottle {
  const holder = globalThis as Holder;
  holder[KEY] ??= new SignInThrottle();
  return holder[KEY];
}

/**
 * The sign-in throttle's rule, as a pure function of one key's failed attempts,
 * the attempts still being checked and the time. A key is an account (the
 * username as typed, known or not) or a client address; lib/auth/throttle/sign-in-throttle.ts
 * keeps the state and asks this for every key of an attempt.
 *
 * - Failures are counted over a sliding window (`windowMs`); older ones are forgotten.
 * - The first `freeFailures` in the window cost nothing.
 * - From then on the key is locked after each failure, for `baseLockMs` doubled per
 *   failure beyond the free ones, at most `maxLockMs`. An attempt during a lockout is
 *   refused before any password is hashed, whether or not the password is right, and
 *   does not count as a failure (so retrying does not stretch a lockout).
 * - Attempts in flight count against the free failures, so 60 parallel guesses do
 *   not all get through before the first one fails; once the free ones are used up,
 *   one attempt at a time.
 */
export type ThrottlePolicy = {
  windowMs: number;
  freeFailures: number;
  baseLockMs: number;
  maxLockMs: number;
};

const MINUTE = 60_000;

/** An account: a person mistyping has five tries an hour before the first one-minute pause. */
export const ACCOUNT_POLICY: ThrottlePolicy = { windowMs: 60 * MINUTE, freeFailures: 5, baseLockMs: MINUTE, maxLockMs: 15 * MINUTE };

/** An address: more room, since an office behind one NAT address shares it. */
export const ADDRESS_POLICY: ThrottlePolicy = { windowMs: 60 * MINUTE, freeFailures: 20, baseLockMs: MINUTE, maxLockMs: 15 * MINUTE };

export type KeyAttempts = {
  /** Times of failed attempts, oldest first. */
  failures: readonly number[];
  /** Attempts admitted and not yet answered. */
  pending: number;
};

export type Verdict = { kind: "go" } | { kind: "locked"; until: number } | { kind: "busy" };

/** The failures still inside the window at `now`. */
export function recentFailures(failures: readonly number[], now: number, policy: ThrottlePolicy): readonly number[] {
  const from = now - policy.windowMs;
  const first = failures.findIndex((t) => t > from);
  return first === -1 ? [] : first === 0 ? failures : failures.slice(first);
}

/** How long the key is locked after its `count`-th failure in the window (0: not locked). */
export function lockAfter(count: number, policy: ThrottlePolicy): number {
  const beyond = count - policy.freeFailures;
  if (beyond < 0) return 0;
  return Math.min(policy.baseLockMs * 2 ** Math.min(beyond, 30), policy.maxLockMs);
}

export function verdict(attempts: KeyAttempts, now: number, policy: ThrottlePolicy): Verdict {
  const failures = recentFailures(attempts.failures, now, policy);
  const last = failures.at(-1);
  if (last !== undefined) {
    const until = last + lockAfter(failures.length, policy);
    if (now < until) return { kind: "locked", until };
  }
  const room = Math.max(1, policy.freeFailures - failures.length);
  return attempts.pending >= room ? { kind: "busy" } : { kind: "go" };
}

/** The strictest of several keys' verdicts: the latest lockout, else busy, else go. */
export function strictest(verdicts: readonly Verdict[]): Verdict {
  let result: Verdict = { kind: "go" };
  for (const v of verdicts) {
    if (v.kind === "locked") {
      if (result.kind !== "locked" || v.until > result.until) result = v;
    } else if (v.kind === "busy" && result.kind === "go") result = v;
  }
  return result;
}

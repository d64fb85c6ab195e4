import { describe, expect, it } from "vitest";
import { ACCOUNT_POLICY, lockAfter, strictest, verdict, type ThrottlePolicy } from "@/lib/auth/throttle/policy";
import { SignInThrottle } from "@/lib/auth/throttle/sign-in-throttle";

const MIN = 60_000;
const policy: ThrottlePolicy = { windowMs: 60 * MIN, freeFailures: 5, baseLockMs: MIN, maxLockMs: 15 * MIN };
const T0 = 1_700_000_000_000;
const at = (...minutes: number[]) => minutes.map((m) => T0 + m * MIN);

describe("throttle policy (pure)", () => {
  it("lets the first five failures in the window pass and locks from the fifth on", () => {
    expect(verdict({ failures: at(0, 0, 0, 0), pending: 0 }, T0, policy)).toEqual({ kind: "go" });
    // Five failures at T0: the sixth attempt, at once or 59 s later, is refused until T0 + 1 min.
    expect(verdict({ failures: at(0, 0, 0, 0, 0), pending: 0 }, T0, policy)).toEqual({ kind: "locked", until: T0 + MIN });
    expect(verdict({ failures: at(0, 0, 0, 0, 0), pending: 0 }, T0 + 59_000, policy)).toEqual({ kind: "locked", until: T0 + MIN });
    expect(verdict({ failures: at(0, 0, 0, 0, 0), pending: 0 }, T0 + MIN, policy)).toEqual({ kind: "go" });
  });

  it("doubles the lockout per failure beyond the free ones, up to the cap", () => {
    expect([4, 5, 6, 7, 8, 9, 10, 40].map((n) => lockAfter(n, policy) / MIN)).toEqual([0, 1, 2, 4, 8, 15, 15, 15]);
    // Seven failures, the last at minute 3: locked for 4 minutes after it.
    expect(verdict({ failures: at(0, 0, 0, 0, 0, 1, 3), pending: 0 }, T0 + 6 * MIN, policy)).toEqual({ kind: "locked", until: T0 + 7 * MIN });
  });

  it("forgets failures older than the window (sliding)", () => {
    const failures = at(0, 1, 2, 3, 4);
    expect(verdict({ failures, pending: 0 }, T0 + 4.5 * MIN, policy).kind).toBe("locked");
    // At 60 min + a moment the first has left the window: four remain, not locked.
    expect(verdict({ failures, pending: 0 }, T0 + 60 * MIN + 1, policy)).toEqual({ kind: "go" });
  });

  it("counts attempts in flight against the free failures, then one at a time", () => {
    expect(verdict({ failures: [], pending: 4 }, T0, policy)).toEqual({ kind: "go" });
    expect(verdict({ failures: [], pending: 5 }, T0, policy)).toEqual({ kind: "busy" });
    expect(verdict({ failures: at(0, 0, 0), pending: 2 }, T0, policy)).toEqual({ kind: "busy" });
    // Lock over, free failures used up: one attempt may be checked, not two.
    expect(verdict({ failures: at(0, 0, 0, 0, 0), pending: 0 }, T0 + 2 * MIN, policy)).toEqual({ kind: "go" });
    expect(verdict({ failures: at(0, 0, 0, 0, 0), pending: 1 }, T0 + 2 * MIN, policy)).toEqual({ kind: "busy" });
  });

  it("takes the strictest of the account's and the address's verdicts", () => {
    expect(strictest([{ kind: "go" }, { kind: "busy" }])).toEqual({ kind: "busy" });
    expect(strictest([{ kind: "locked", until: 5 }, { kind: "busy" }, { kind: "locked", until: 9 }])).toEqual({ kind: "locked", until: 9 });
    expect(strictest([{ kind: "go" }, { kind: "go" }])).toEqual({ kind: "go" });
  });
});

describe("SignInThrottle (state)", () => {
  const fail = (t: SignInThrottle, account: string, address: string, now: number) => {
    const a = t.admit(account, address, now);
    if (a.kind !== "go") return a;
    t.finish(a.ticket, false, now);
    return a;
  };

  it("locks the account after five failures, whatever the address, and refuses the sixth attempt", () => {
    const t = new SignInThrottle();
    for (let i = 0; i < 5; i++) expect(fail(t, "ana", `10.0.0.${i}`, T0).kind).toBe("go");
    expect(t.admit("ana", "10.0.0.99", T0 + 1000)).toEqual({ kind: "locked", until: T0 + ACCOUNT_POLICY.baseLockMs });
    // Another account from the same addresses is not affected.
    expect(t.admit("bob", "10.0.0.1", T0 + 1000).kind).toBe("go");
  });

  it("locks an address that fails across many accounts (spraying), after twenty", () => {
    const t = new SignInThrottle();
    for (let i = 0; i < 20; i++) expect(fail(t, `user${i}`, "203.0.113.7", T0).kind).toBe("go");
    expect(t.admit("someone-else", "203.0.113.7", T0).kind).toBe("locked");
    expect(t.admit("someone-else", "203.0.113.8", T0).kind).toBe("go");
  });

  it("does not count successful sign-ins against the address, and a success clears the account", () => {
    const t = new SignInThrottle();
    for (let i = 0; i < 500; i++) {
      const a = t.admit(`user${i % 4}`, "127.0.0.1", T0 + i);
      expect(a.kind).toBe("go");
      if (a.kind === "go") t.finish(a.ticket, true, T0 + i);
    }
    for (let i = 0; i < 4; i++) fail(t, "ana", "127.0.0.1", T0);
    const ok = t.admit("ana", "127.0.0.1", T0);
    if (ok.kind !== "go") throw new Error("expected go");
    t.finish(ok.ticket, true, T0);
    // The account starts afresh: five more failures before a lockout.
    for (let i = 0; i < 5; i++) expect(fail(t, "ana", "127.0.0.1", T0).kind).toBe("go");
    expect(t.admit("ana", "127.0.0.1", T0).kind).toBe("locked");
  });

  it("an attempt never judged (queue full) is neither a failure nor a success", () => {
    const t = new SignInThrottle();
    for (let i = 0; i < 10; i++) {
      const a = t.admit("ana", "a", T0);
      if (a.kind === "go") t.finish(a.ticket, undefined, T0);
    }
    expect(t.admit("ana", "a", T0).kind).toBe("go");
  });

  it("keeps at most maxKeys keys", () => {
    const t = new SignInThrottle(undefined, 10);
    for (let i = 0; i < 100; i++) fail(t, `u${i}`, "x", T0);
    // The first accounts were dropped, so they are not locked; the address (touched last every time) is kept.
    expect((t as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(10);
  });
});

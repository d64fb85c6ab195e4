import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signInWithPassword, SignInRefused } from "@/lib/auth/password-sign-in";
import { HashQueueFull } from "@/lib/auth/hash-queue";
import { refusalMessage } from "@/lib/auth/sign-in-refusal";
import { SignInThrottle } from "@/lib/auth/throttle/sign-in-throttle";

const RIGHT = "right-password";
type User = { id: string };

describe("throttled password sign-in", () => {
  let checks: number;
  const check = async (username: string, password: string): Promise<User | null> => {
    checks++;
    return password === RIGHT ? { id: username } : null;
  };
  const attempt = (password: string, address = "198.51.100.4") => ({ username: "ana", password, address });

  beforeEach(() => {
    checks = 0;
    vi.useFakeTimers({ now: new Date("2026-03-02T09:00:00Z") });
  });
  afterEach(() => vi.useRealTimers());

  it("the 6th attempt after five wrong passwords is refused, the right password too, with when to retry; after the pause it works", async () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 5; i++) expect(await signInWithPassword(attempt("wrong"), check, throttle)).toBeNull();
    expect(checks).toBe(5);
    const refused = await signInWithPassword(attempt(RIGHT), check, throttle).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SignInRefused);
    expect((refused as SignInRefused).code).toBe("SignInLocked:60");
    // Refused before hashing: the password was never checked.
    expect(checks).toBe(5);
    expect(refusalMessage((refused as SignInRefused).code, new Date())).toMatch(/Too many failed sign-ins\. Try again in 1 minute \(at .+\)\./);

    vi.advanceTimersByTime(30_000);
    await expect(signInWithPassword(attempt(RIGHT), check, throttle)).rejects.toMatchObject({ code: "SignInLocked:30" });
    vi.advanceTimersByTime(30_000);
    expect(await signInWithPassword(attempt(RIGHT), check, throttle)).toEqual({ id: "ana" });
    expect(checks).toBe(6);
  });

  it("30 wrong passwords in 5 seconds, then the right one: refused (the issue's reproduction)", async () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 30; i++) {
      await signInWithPassword(attempt("wrong"), check, throttle).catch(() => null);
      vi.advanceTimersByTime(5000 / 30);
    }
    expect(checks).toBe(5);
    await expect(signInWithPassword(attempt(RIGHT), check, throttle)).rejects.toBeInstanceOf(SignInRefused);
  });

  it("60 parallel wrong attempts on one account: at most five are checked, the rest are refused without hashing", async () => {
    const throttle = new SignInThrottle();
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => signInWithPassword(attempt("wrong", `10.1.0.${i}`), check, throttle)));
    expect(checks).toBe(5);
    expect(results.filter((r) => r.status === "rejected").length).toBe(55);
  });

  it("a full hashing queue answers busy and does not count as a failure", async () => {
    const throttle = new SignInThrottle();
    const full = async (): Promise<User | null> => {
      throw new HashQueueFull();
    };
    for (let i = 0; i < 10; i++) await expect(signInWithPassword(attempt(RIGHT), full, throttle)).rejects.toMatchObject({ code: "SignInBusy" });
    expect(await signInWithPassword(attempt(RIGHT), check, throttle)).toEqual({ id: "ana" });
  });

  it("many successful sign-ins from one address (the e2e suite's 127.0.0.1) never lock it", async () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 300; i++) {
      expect(await signInWithPassword({ username: `user${i % 4}`, password: RIGHT, address: "127.0.0.1" }, check, throttle)).not.toBeNull();
    }
  });
});

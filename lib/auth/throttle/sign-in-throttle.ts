import { ACCOUNT_POLICY, ADDRESS_POLICY, recentFailures, strictest, verdict, type KeyAttempts, type ThrottlePolicy, type Verdict } from "./policy";

type Entry = { failures: number[]; pending: number };
type Key = { id: string; policy: ThrottlePolicy };

/** An admitted attempt; hand it back to `finish` with the outcome. */
export type Ticket = { keys: readonly Key[]; account: string };

export type Admission = { kind: "go"; ticket: Ticket } | Exclude<Verdict, { kind: "go" }>;

/**
 * The throttle's state: failed attempts per account and per client address, in this
 * process's memory (a restart forgets them; several web servers each keep their own).
 * The rule itself is the pure `verdict` in policy.ts; this only remembers.
 * At most `maxKeys` keys are kept (least recently touched dropped first), so a flood
 * of made-up usernames cannot grow memory without bound.
 */
export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policies: { account: ThrottlePolicy; address: ThrottlePolicy } = { account: ACCOUNT_POLICY, address: ADDRESS_POLICY },
    private readonly maxKeys = 50_000,
  ) {}

  /** Asks before the password is checked: go (and the attempt is counted in flight), locked until a time, or busy. */
  admit(account: string, address: string, now: number): Admission {
    const keys: Key[] = [
      { id: `account:${account}`, policy: this.policies.account },
      { id: `address:${address}`, policy: this.policies.address },
    ];
    const v = strictest(keys.map((k) => verdict(this.attempts(k.id), now, k.policy)));
    if (v.kind !== "go") return v;
    for (const k of keys) this.touch(k.id, now, k.policy).pending += 1;
    return { kind: "go", ticket: { keys, account: keys[0]!.id } };
  }

  /**
   * The attempt's outcome. A failure counts against every key; a success clears the
   * account's failures (its owner is back) but not the address's, or one valid
   * account would let its holder reset the address between guesses at others.
   * `ok: undefined` means the attempt was never judged (the hash queue was full).
   */
  finish(ticket: Ticket, ok: boolean | undefined, now: number): void {
    for (const k of ticket.keys) {
      const entry = this.touch(k.id, now, k.policy);
      entry.pending = Math.max(0, entry.pending - 1);
      if (ok === false) entry.failures.push(now);
      if (ok === true && k.id === ticket.account) entry.failures = [];
      if (entry.pending === 0 && entry.failures.length === 0) this.entries.delete(k.id);
    }
  }

  private attempts(id: string): KeyAttempts {
    return this.entries.get(id) ?? { failures: [], pending: 0 };
  }

  /** The key's entry, its old failures dropped, moved to the most recently used end. */
  private touch(id: string, now: number, policy: ThrottlePolicy): Entry {
    const entry = this.entries.get(id) ?? { failures: [], pending: 0 };
    entry.failures = [...recentFailures(entry.failures, now, policy)];
    this.entries.delete(id);
    this.entries.set(id, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) break;
      this.entries.delete(oldest);
    }
    return entry;
  }
}

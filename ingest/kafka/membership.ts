/**
 * Where a consumer-group member stands, for readiness, /api/health and the metrics:
 * `starting` until its first join, `consuming` while in the group, `rejoining` from a
 * rebalance, an eviction or a crash until it is in the group again. The gap an eviction
 * leaves (nothing stored while it lasts) is `rejoining` with its start and cause.
 */
export type MembershipState = {
  state: "starting" | "consuming" | "rejoining";
  /** When the current state began (epoch ms). */
  since: number;
  /** Joins after the first: rebalances, and evictions survived. */
  rejoins: number;
  /** Consumers rebuilt after the client gave up (a crash it would not restart from). */
  restarts: number;
  /** What started the current gap, while rejoining. */
  cause?: string;
};

export class Membership {
  private s: MembershipState;
  private joinedOnce = false;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly onChange: (state: MembershipState) => void = () => undefined,
  ) {
    this.s = { state: "starting", since: now(), rejoins: 0, restarts: 0 };
  }

  get current(): MembershipState {
    return this.s;
  }

  joined(): void {
    const rejoins = this.s.rejoins + (this.joinedOnce ? 1 : 0);
    this.joinedOnce = true;
    this.set({ state: "consuming", since: this.now(), rejoins, restarts: this.s.restarts });
  }

  /** Out of the group for now (a rebalance began, the client is restarting itself, or it is being rebuilt); the first cause of a gap is kept. */
  left(cause: string, rebuilt = false): void {
    const restarts = this.s.restarts + (rebuilt ? 1 : 0);
    if (this.s.state === "rejoining") this.set({ ...this.s, restarts });
    else this.set({ state: "rejoining", since: this.now(), rejoins: this.s.rejoins, restarts, cause });
  }

  private set(next: MembershipState): void {
    this.s = next;
    this.onChange(next);
  }
}

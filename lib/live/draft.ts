import { CowMap } from "./cow-map";
import { RecentIdsDraft } from "./recent-ids";
import type { FloorState, LiveAgent, LiveCall, LocalDay, QueueExit, QueueToday, WaitingLeg } from "./state";
import { EMPTY_QUEUE_TODAY } from "./state";

type MutableQueueToday = { offered: number; answeredWaits: number[]; abandonedWaits: number[]; timedOut: number; otherExits: number; exits: QueueExit[] };

/**
 * The working copy one reducer batch writes to. Maps and id sets are copied on
 * first write, a queue's day counters when first touched; `done()` assembles the
 * next FloorState and returns the input itself when the batch changed nothing.
 */
export class FloorDraft {
  readonly agents: CowMap<string, LiveAgent>;
  readonly calls: CowMap<string, LiveCall>;
  readonly waiting: CowMap<string, WaitingLeg>;
  readonly seen: RecentIdsDraft;
  readonly closedCalls: RecentIdsDraft;
  readonly closedLegs: RecentIdsDraft;
  eventClock: number;
  now: number;
  day: LocalDay;
  applied: number;
  private readonly today: CowMap<string, QueueToday>;
  private readonly touched = new Map<string, MutableQueueToday>();

  constructor(readonly base: FloorState) {
    this.agents = new CowMap(base.agents);
    this.calls = new CowMap(base.calls);
    this.waiting = new CowMap(base.waiting);
    this.today = new CowMap(base.today);
    this.seen = new RecentIdsDraft(base.seen);
    this.closedCalls = new RecentIdsDraft(base.closedCalls);
    this.closedLegs = new RecentIdsDraft(base.closedLegs);
    this.eventClock = base.eventClock;
    this.now = base.now;
    this.day = base.day;
    this.applied = base.applied;
  }

  get timeZone(): string {
    return this.base.timeZone;
  }

  inToday(t: number): boolean {
    return t >= this.day.start && t < this.day.end;
  }

  /** A queue's counters for today, writable for the rest of the batch. */
  todayOf(queueId: string): MutableQueueToday {
    let q = this.touched.get(queueId);
    if (!q) {
      const base = this.today.get(queueId) ?? EMPTY_QUEUE_TODAY;
      q = { ...base, answeredWaits: [...base.answeredWaits], abandonedWaits: [...base.abandonedWaits], exits: [...base.exits] };
      this.touched.set(queueId, q);
    }
    return q;
  }

  startDay(day: LocalDay): void {
    this.day = day;
    this.today.clear();
    this.touched.clear();
  }

  done(): FloorState {
    for (const [id, q] of this.touched) this.today.set(id, q);
    const b = this.base;
    const unchanged =
      !this.agents.changed &&
      !this.calls.changed &&
      !this.waiting.changed &&
      !this.today.changed &&
      this.eventClock === b.eventClock &&
      this.now === b.now &&
      this.day === b.day &&
      this.applied === b.applied;
    if (unchanged) return b;
    return {
      timeZone: b.timeZone,
      eventClock: this.eventClock,
      now: this.now,
      day: this.day,
      agents: this.agents.result(),
      calls: this.calls.result(),
      waiting: this.waiting.result(),
      today: this.today.result(),
      seen: this.seen.done(),
      closedCalls: this.closedCalls.done(),
      closedLegs: this.closedLegs.done(),
      applied: this.applied,
    };
  }
}

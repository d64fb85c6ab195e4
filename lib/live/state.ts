import type { MonitorMode } from "@/lib/telephony/capabilities";
import type { AgentState } from "@/lib/events";
import { bucketStart, nextBucketStart } from "@/lib/time/buckets";
import { emptyRecentIds, type RecentIds } from "./recent-ids";

/**
 * The live floor as the reducer keeps it: server-side, never sent as is (see view.ts
 * for what browsers get). Every object here is immutable; the reducer returns new
 * maps and records for what an event changed and shares the rest.
 */

/** An agent's state; `logged_off` is kept for a while as a tombstone so late events cannot revive the agent. */
export type LiveAgentState = AgentState | "logged_off";

export type LiveAgent = {
  readonly id: string;
  readonly state: LiveAgentState;
  /** When the current state began (platform time, epoch ms). */
  readonly since: number;
  readonly reasonCode?: string;
  /** The call a busy / after-call-work state is about. */
  readonly callId?: string;
  readonly legId?: string;
  readonly queueId?: string;
  /** Queues the agent serves, from agent.logged_on; empty when the log-on was not seen. */
  readonly queues: readonly string[];
  readonly teamId?: string;
  readonly lastEventAt: number;
};

/** Where a call is: in the IVR (offered), waiting, ringing an agent, talking, held, between legs, or gone to voicemail. */
export const CALL_STATES = ["offered", "queued", "ringing", "talking", "held", "routing", "voicemail"] as const;
export type CallState = (typeof CALL_STATES)[number];

export type LiveCall = {
  readonly id: string;
  readonly caller?: string;
  readonly dialled?: string;
  /** When the call was offered (or first seen). */
  readonly startedAt: number;
  readonly state: CallState;
  readonly since: number;
  readonly queueId?: string;
  readonly legId?: string;
  readonly agentId?: string;
  readonly lastEventAt: number;
  /** Supervisors on the call now (supervision.* events), in the order they joined. */
  readonly monitors?: readonly LiveMonitor[];
};

/** One supervisor's session on a call, as the wallboard shows it to every supervisor. */
export type LiveMonitor = { readonly sessionId: string; readonly supervisor: string; readonly mode: MonitorMode; readonly since: number };

/** A call leg waiting in a queue (ringing legs keep their place, as in Asterisk). */
export type WaitingLeg = { readonly legId: string; readonly callId: string; readonly queueId: string; readonly queuedAt: number };

/**
 * One queue's contacts that entered it today and have left it. Waits are kept (not
 * just counted) so the service level follows the queue's current threshold, which
 * an admin may change during the day. A few thousand numbers per queue per day.
 */
export type QueueToday = {
  readonly offered: number;
  readonly answeredWaits: readonly number[];
  readonly abandonedWaits: readonly number[];
  readonly timedOut: number;
  readonly otherExits: number;
  /** Each exit with its time, in arrival order: the service level of the last 15 / 30 / 60 minutes (sl-windows.ts). */
  readonly exits: readonly QueueExit[];
};

/** How one contact left the queue, and when (platform time, epoch ms). */
export type QueueExit = { readonly at: number; readonly waitMs: number; readonly outcome: "answered" | "abandon" | "timeout" | "other" };

export const EMPTY_QUEUE_TODAY: QueueToday = Object.freeze({ offered: 0, answeredWaits: [], abandonedWaits: [], timedOut: 0, otherExits: 0, exits: [] });

export type LocalDay = { readonly start: number; readonly end: number };

export type FloorState = {
  /** IANA zone whose local day "today" means. */
  readonly timeZone: string;
  /** Latest event time applied (platform time). */
  readonly eventClock: number;
  /** Latest of eventClock and the last tick: the floor's "now". */
  readonly now: number;
  readonly day: LocalDay;
  readonly agents: ReadonlyMap<string, LiveAgent>;
  readonly calls: ReadonlyMap<string, LiveCall>;
  readonly waiting: ReadonlyMap<string, WaitingLeg>;
  readonly today: ReadonlyMap<string, QueueToday>;
  /** Event ids applied lately: a repeat is a no-op. */
  readonly seen: RecentIds;
  /** Calls and legs that ended lately, so a late event cannot bring them back. */
  readonly closedCalls: RecentIds;
  readonly closedLegs: RecentIds;
  /** Events applied (repeats not counted). */
  readonly applied: number;
};

/** Large enough to hold several minutes of a big centre's events; see RecentIds for the bound. */
export const SEEN_CAPACITY = 50_000;
export const CLOSED_CAPACITY = 20_000;

export function localDay(t: number, timeZone: string): LocalDay {
  const start = bucketStart(t, "day", timeZone);
  return { start, end: nextBucketStart(start, "day", timeZone) };
}

/** An empty floor whose "today" is the local day holding `now`. */
export function emptyFloor(timeZone: string, now: number): FloorState {
  return {
    timeZone,
    eventClock: 0,
    now,
    day: localDay(now, timeZone),
    agents: new Map(),
    calls: new Map(),
    waiting: new Map(),
    today: new Map(),
    seen: emptyRecentIds(SEEN_CAPACITY),
    closedCalls: emptyRecentIds(CLOSED_CAPACITY),
    closedLegs: emptyRecentIds(CLOSED_CAPACITY),
    applied: 0,
  };
}

import type { AgentState } from "@/lib/events";
import type { QueueConfig } from "./config";
import type { MsSampler } from "./distributions";
import type { PlannedActivity } from "./schedule";
import type { RosterAgent } from "./roster";

/** Mutable runtime state of the simulation. Only the engine and its helpers touch it. */

export interface ShiftWindow {
  readonly start: number;
  /** Mutable: a contiguous next shift extends it instead of logging the agent off and on. */
  end: number;
}

export interface SimAgent {
  readonly roster: RosterAgent;
  readonly skills: ReadonlySet<string>;
  /** Queues the agent serves, for picking the longest-waiting caller. */
  readonly queues: SimQueue[];
  loggedOn: boolean;
  state: AgentState;
  /** Time of the agent's last state event: the `since` of the next event's `previous`. */
  since: number;
  reasonCode: string | undefined;
  callId: string | undefined;
  legId: string | undefined;
  /** When `legId` entered its queue (the leg's queuedAt): repeated in `previous.queuedAt`. */
  queuedAt: number | undefined;
  /** False between logged_on and the first state event, which therefore carries no `previous`. */
  hasPrevious: boolean;
  /** Leg ringing this agent: the agent is still "ready" but must not be offered another call. */
  ringing: SimLeg | null;
  shift: ShiftWindow | null;
  /** Last shift planned for this agent, current or future: where a contiguous shift merges. */
  lastPlanned: ShiftWindow | null;
  /** Not-ready activities that fell due while the agent was busy. */
  pending: PlannedActivity[];
  /** Bumped to cancel the timer ending the current not-ready period. */
  timerToken: number;
  /** A supervisor's pause or log-off asked for while the agent was on a call: applied when it ends (agent-commands.ts). */
  requested: RequestedState | null;
}

/**
 * A supervisor's own desk phone, rung first for a supervisor-first callback (callbacks.ts).
 * Named on the call's legs as a PBX names a device (`roster.id` the supervisor's user id,
 * `roster.interface` their extension's channel), but a member of no queue: it has no agent
 * state, and nothing is offered to it. `hangUp` frees it for the next call.
 */
export interface DeskPhone {
  readonly roster: { readonly id: string; readonly interface: string };
  readonly hangUp: () => void;
}

/** Who takes a leg: an agent of the roster, or a supervisor's desk phone. */
export type LegParty = SimAgent | DeskPhone;

export const isDeskPhone = (party: LegParty): party is DeskPhone => "hangUp" in party;

export type RequestedState = { state: "not_ready"; reasonCode: string } | { state: "logged_out" };

export interface SimQueue {
  readonly config: QueueConfig;
  readonly talk: MsSampler;
  /** Legs in the queue in arrival order, including those ringing an agent (they keep their place). */
  readonly waiting: SimLeg[];
}

export interface SimCall {
  readonly id: string;
  readonly offeredAt: number;
  /** An outbound callback: the missed call it answers (callbacks.ts). */
  readonly callbackOf?: string;
  legCount: number;
  transfers: number;
}

export type LegStatus = "waiting" | "ringing" | "connected" | "done";

export interface SimLeg {
  readonly call: SimCall;
  readonly id: string;
  readonly queue: SimQueue;
  readonly queuedAt: number;
  /** Global order of entry, the FIFO tie-break across queues. */
  readonly seq: number;
  status: LegStatus;
  attempts: number;
  /** Bumped to cancel the pending ring outcome (answer or ring-no-answer). */
  ringToken: number;
  ringStartedAt: number;
  agentChannelId: string;
  /** Max wait reached while an agent was ringing: leave on the ring's failure. */
  timeoutPending: boolean;
  agent: SimAgent | null;
  answeredAt: number;
  holdMs: number;
  holdCount: number;
}

import type { MonitorMode } from "@/lib/telephony/capabilities";
import type { AgentState } from "@/lib/events/data";
import type { CallState } from "./state";
import type { QueueThresholds } from "./thresholds";
import type { WindowServiceLevel } from "./sl-windows";
import type { AlertSettings } from "./alert-settings";

/**
 * What a wallboard receives: plain JSON, keyed by id so a change can be sent as a
 * patch of the entries it touched (patch.ts). Times are epoch ms of the platform
 * clock; the browser turns "since" into ticking durations with its own clock,
 * corrected by `meta.serverTime`.
 */

export type { CallState };

export type AgentCounts = {
  ready: number;
  busy: number;
  afterCallWork: number;
  notReady: number;
  notReadyByReason: Record<string, number>;
};

export type QueueCard = {
  id: string;
  name: string;
  /** Calls in the queue now, ringing ones included (they keep their place). */
  waiting: number;
  /** Entry time of the longest-waiting call, null when none waits. */
  oldestQueuedAt: number | null;
  /** Logged-on agents serving this queue (an agent serving two queues counts in both). */
  agents: AgentCounts;
  /** Contacts that entered the queue today (local day) and how those that left it fared. */
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  timedOut: number;
  serviceLevel: { value: number | null; numerator: number; denominator: number; thresholdS: number; variant: string };
  /** The same over the contacts that left the queue in the last 15, 30 and 60 minutes (sl-windows.ts). */
  recentServiceLevel: WindowServiceLevel[];
  /** The queue's service-level target in percent (lib/targets/rag.ts). */
  targetPct: number;
  thresholds: QueueThresholds;
};

export type AgentCall = { id: string; state: CallState | null; queueId: string | null };

export type AgentRow = {
  id: string;
  name: string;
  teamId: string | null;
  state: AgentState;
  reasonCode: string | null;
  since: number;
  call: AgentCall | null;
  queues: string[];
};

export type CallRow = {
  id: string;
  caller: string | null;
  queueId: string | null;
  agentId: string | null;
  state: CallState;
  since: number;
  startedAt: number;
  /** Who is monitoring the call now, and how (every supervisor sees it). */
  monitors: { supervisor: string; mode: MonitorMode }[];
};

export type ViewMeta = {
  /** Increases with every change; a patch applies to exactly one version. */
  version: number;
  /** Server clock when the message was made, for the browser's clock correction. */
  serverTime: number;
  /** Newest event applied (platform time): how fresh the floor is. */
  eventClock: number;
  /** The moment the floor describes: now when live, the chosen instant in replay. */
  asOf: number;
  dayStart: number;
  timeZone: string;
  replay: boolean;
  /** When the wallboard raises alerts (alerts.ts), as admins set them. */
  alertSettings: AlertSettings;
};

export type WallboardView = {
  meta: ViewMeta;
  queues: Record<string, QueueCard>;
  agents: Record<string, AgentRow>;
  calls: Record<string, CallRow>;
};

export type SectionChanges<T> = { set: Record<string, T>; remove: string[] };

export type WallboardPatch = {
  from: number;
  meta: ViewMeta;
  queues?: SectionChanges<QueueCard>;
  agents?: SectionChanges<AgentRow>;
  calls?: SectionChanges<CallRow>;
};

/** One server-sent event: the whole view (on connect) or what changed since the previous message. */
export type WallboardMessage = { event: "snapshot"; data: WallboardView } | { event: "patch"; data: WallboardPatch };

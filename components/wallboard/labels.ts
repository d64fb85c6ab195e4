import type { AgentState } from "@/lib/events/data";
import type { CallState } from "@/lib/live/view-types";
import type { MonitorMode } from "@/lib/telephony/capabilities";

export const AGENT_STATE_LABELS: Record<AgentState, string> = {
  ready: "Ready",
  busy: "On call",
  after_call_work: "After-call work",
  not_ready: "Not ready",
};

/** Agents on calls first, then wrapping up, then free, then away: the order a supervisor scans for. */
export const AGENT_STATE_ORDER: Record<AgentState, number> = { busy: 0, after_call_work: 1, ready: 2, not_ready: 3 };

export const CALL_STATE_LABELS: Record<CallState, string> = {
  offered: "In IVR",
  queued: "Queued",
  ringing: "Ringing",
  talking: "Talking",
  held: "On hold",
  routing: "Transferring",
  voicemail: "Voicemail",
};

/** What a supervisor on a call is doing, in the words of the wallboard's monitoring column. */
export const MONITOR_MODE_LABELS: Record<MonitorMode, string> = { listen: "listening", whisper: "whispering", barge: "in the call" };

/** Shared with the dashboards, so a reason reads the same on every page. */
export { reasonLabel } from "@/lib/tables/reason-label";

export function percent(value: number | null): string {
  return value === null ? "–" : `${Math.round(value * 1000) / 10}%`;
}

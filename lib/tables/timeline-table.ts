import { reasonLabel } from "@/lib/tables/reason-label";
import type { TimelineSegment } from "@/lib/agent-timeline/agent-timeline";
import type { Column } from "./table";

export const STATE_LABELS: Record<TimelineSegment["state"], string> = {
  ready: "Ready",
  not_ready: "Not ready",
  busy: "On a call",
  after_call_work: "After-call work",
  none: "Logged off / no state",
};

/** The agent page's state intervals of the chosen day. */
export const TIMELINE_COLUMNS: readonly Column<TimelineSegment>[] = [
  { id: "start", header: "From", kind: "time", value: (s) => s.start },
  { id: "end", header: "To", kind: "time", value: (s) => s.end },
  { id: "duration", header: "Duration", kind: "duration", value: (s) => s.end - s.start },
  { id: "state", header: "State", kind: "text", value: (s) => STATE_LABELS[s.state] },
  { id: "reason", header: "Reason", kind: "text", value: (s) => (s.reasonCode ? reasonLabel(s.reasonCode) : null) },
  { id: "call", header: "Call", kind: "text", value: (s) => s.callId || null },
];

/** The day up to `now`: a gap in the future is not "logged off", it has not happened. */
export function timelineRows(segments: readonly TimelineSegment[], now: number): TimelineSegment[] {
  return segments.filter((s) => s.start < now).map((s) => (s.end > now ? { ...s, end: now } : s));
}

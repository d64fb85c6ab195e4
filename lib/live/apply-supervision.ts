import type { EventOf } from "@/lib/events";
import type { FloorDraft } from "./draft";

export type SupervisionEvent = EventOf<"supervision.started"> | EventOf<"supervision.mode_changed"> | EventOf<"supervision.ended">;

/**
 * Who is monitoring which call: a session joins its call's `monitors` when it starts,
 * changes mode there, and leaves when it ends; a call that clears takes its monitors
 * with it. Events for a call the floor does not hold (already cleared, or never seen)
 * change nothing, so a late `started` cannot put a supervisor on a finished call.
 */
export function applySupervisionEvent(d: FloorDraft, e: SupervisionEvent): void {
  if (!e.callId || d.closedCalls.has(e.callId)) return;
  const call = d.calls.get(e.callId);
  if (!call) return;
  const monitors = call.monitors ?? [];
  const others = monitors.filter((m) => m.sessionId !== e.data.sessionId);
  switch (e.type) {
    case "supervision.started":
      d.calls.set(call.id, {
        ...call,
        monitors: [...others, { sessionId: e.data.sessionId, supervisor: e.data.supervisorName ?? e.data.supervisorId, mode: e.data.mode, since: e.time }],
      });
      return;
    case "supervision.mode_changed": {
      const m = monitors.find((x) => x.sessionId === e.data.sessionId);
      if (m) d.calls.set(call.id, { ...call, monitors: monitors.map((x) => (x === m ? { ...m, mode: e.data.mode } : x)) });
      return;
    }
    case "supervision.ended":
      if (others.length !== monitors.length) d.calls.set(call.id, { ...call, monitors: others });
      return;
  }
}

import { describe, expect, it } from "vitest";
import { timelineMarkers } from "@/lib/calls/timeline-markers";
import { transferredCall } from "../helpers/transferred-call";

const t0 = Date.UTC(2026, 2, 3, 10, 0, 0);
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;
const events = transferredCall("t", t0, uuid);

describe("timelineMarkers", () => {
  it("places hold, monitoring, pause and transfer in ms from the recording's start (rec-L1 starts at t0+20s)", () => {
    const markers = timelineMarkers({ recordingId: "rec-L1", legId: "L1", agentId: "a1", startedAt: t0 + 20_000, durationMs: 100_000 }, events);
    expect(markers.map((m) => [m.kind, m.startMs, m.endMs])).toEqual([
      ["hold", 30_000, 60_000],
      ["monitoring", 40_000, 50_000],
      ["monitoring", 50_000, 55_000],
      ["paused", 70_000, 80_000],
      ["transfer", 100_000, 100_000],
    ]);
    expect(markers.filter((m) => m.kind === "monitoring").map((m) => m.label)).toEqual(["Supervisor sup1 listening", "Supervisor sup1 whispering"]);
    expect(markers.find((m) => m.kind === "transfer")?.label).toBe("Blind transfer to billing");
  });

  it("keeps another leg's holds, pauses and another agent's monitoring off this recording", () => {
    expect(timelineMarkers({ recordingId: "rec-L2", legId: "L2", agentId: "a2", startedAt: t0 + 135_000, durationMs: 60_000 }, events)).toEqual([]);
  });

  it("cuts a span open at the recording's end, and one begun before its start", () => {
    const open = events.filter((e) => e.type !== "call.retrieved");
    const markers = timelineMarkers({ recordingId: "rec-L1", legId: "L1", agentId: "a1", startedAt: t0 + 65_000, durationMs: 20_000 }, open);
    // The hold began at t0+50s (before this start) and never ended: it covers the whole 20 s.
    expect(markers.filter((m) => m.kind === "hold").map((m) => [m.startMs, m.endMs])).toEqual([[0, 20_000]]);
    expect(markers.filter((m) => m.kind === "monitoring").map((m) => [m.startMs, m.endMs])).toEqual([
      [0, 5_000],
      [5_000, 10_000],
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { simulatedRecordingRenderer } from "@/lib/recordings/simulated/on-demand";
import type { RecordingRow } from "@/lib/recordings/media/recording-row";

const row = (r: Partial<RecordingRow>): RecordingRow => ({
  recordingId: "rec-1767600000.5.1",
  callId: "1767600000.5",
  legId: "1767600000.5.1",
  queueId: "support",
  agentId: "a1",
  source: "sim://pbx1",
  startedAt: 0,
  stoppedAt: 1,
  durationMs: 1,
  ...r,
});

describe("the simulated recordings' on-demand renderer", () => {
  it("takes the simulator's recordings (named after their leg) and leaves uploads and imports to their stored audio", () => {
    const { canRender } = simulatedRecordingRenderer();
    expect(canRender(row({}))).toBe(true);
    expect(canRender(row({ recordingId: "mixmonitor-1767600000.5" }))).toBe(false);
    expect(canRender(row({ source: "upload" }))).toBe(false);
    expect(canRender(row({ source: "asterisk://import" }))).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { scopeAccess, WHOLE_CENTRE } from "@/lib/auth/scope-access";
import { callView } from "@/lib/calls/call-view";
import type { RecordingRow } from "@/lib/calls/call-recordings";
import { CALL_ID, transferredCall } from "../helpers/transferred-call";

const t0 = Date.UTC(2026, 2, 3, 10, 0, 0);
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, "0")}`;
const events = transferredCall("t", t0, uuid);
const directory = {
  agents: new Map([
    ["a1", { name: "Ann", teamId: "red" }],
    ["a2", { name: "Bob", teamId: "blue" }],
  ]),
  queues: new Map<string, string>(),
};
const rec = (id: string, legId: string, queueId: string, agentId: string, startedAt: number, durationMs: number): RecordingRow => ({
  recordingId: id,
  callId: legId.replace(/\.\d+$/, ""),
  legId,
  queueId,
  agentId,
  source: "test",
  startedAt,
  stoppedAt: startedAt + durationMs,
  durationMs,
});
const recordings = [rec("rec-L1", "L1", "sales", "a1", t0 + 20_000, 100_000), rec("rec-L2", "L2", "billing", "a2", t0 + 135_000, 60_000)];
const view = (access = WHOLE_CENTRE, media = new Map()) => callView(CALL_ID, events, { access, directory, acwByLeg: new Map(), recordings, media });

describe("callView", () => {
  it("shows every leg and recording to the whole centre, media pending until stored, stereo agent/caller by default", () => {
    const v = view();
    expect(v?.recordings.map((r) => [r.recordingId, r.media, r.channelRoles.join("/"), r.markers.length])).toEqual([
      ["rec-L1", "pending", "agent/caller", 5],
      ["rec-L2", "pending", "agent/caller", 0],
    ]);
  });

  it("keeps only the legs and recordings in a team scope", () => {
    const v = view(scopeAccess({ teams: ["blue"], queues: [] }));
    expect(v?.facts.legs.map((l) => l.legId)).toEqual(["L2"]);
    expect(v?.recordings.map((r) => r.recordingId)).toEqual(["rec-L2"]);
  });

  it("keeps only the legs of a queue scope", () => {
    const v = view(scopeAccess({ teams: [], queues: ["sales"] }));
    expect(v?.recordings.map((r) => r.recordingId)).toEqual(["rec-L1"]);
  });

  it("is null (404) when no leg is in scope", () => {
    expect(view(scopeAccess({ teams: ["green"], queues: [] }))).toBeNull();
    expect(view(scopeAccess({ teams: [], queues: ["other"] }))).toBeNull();
  });

  it("reads stored and deleted media, with the stored duration and channel roles", () => {
    const media = new Map([
      ["rec-L1", { recordingId: "rec-L1", durationMs: 99_500, channelRoles: ["caller", "agent"], redactedSpans: 2, deleted: false, deletedReason: "" }],
      ["rec-L2", { recordingId: "rec-L2", durationMs: 60_000, channelRoles: ["agent", "caller"], redactedSpans: 0, deleted: true, deletedReason: "retention" }],
    ]);
    const v = view(WHOLE_CENTRE, media);
    expect(v?.recordings.map((r) => [r.media, r.durationMs, r.channelRoles.join("/"), r.redactedSpans, r.deletedReason])).toEqual([
      ["stored", 99_500, "caller/agent", 2, null],
      ["deleted", 60_000, "agent/caller", 0, "retention"],
    ]);
  });
});

import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { IngestPipeline } from "@/ingest/pipeline";
import { setActiveRedactionPolicy } from "@/lib/redaction/active-policy";
import { DEFAULT_REDACTION_POLICY } from "@/lib/redaction/kinds";
import { redactionSpansForRecording } from "@/lib/redaction/spans-for-recording";
import { readOriginalSegments } from "@/lib/redaction/read-originals";
import { eventToRow } from "@/lib/store/event-row";
import { readMigrations } from "@/sql/migrate";
import { freshTenant, queryRows, testStore } from "../helpers/store";

const T0 = Date.UTC(2026, 0, 7, 10, 0, 0);

function callEvents(tenantId: string, o: { withChannel?: boolean } = {}): CtiEvent[] {
  const base = { specVersion: "1.0" as const, source: "pbx", tenantId, callId: "c1", queueId: "q1", legId: "c1.1", agentId: "a1" };
  const words = "yes it is 4111 1111 1111 1111 and the cvv is 737".split(" ");
  return [
    { ...base, id: randomUUID(), type: "recording.started", time: T0, data: { recordingId: "r1" } },
    {
      ...base,
      id: randomUUID(),
      type: "transcript.segment",
      time: T0 + 2_000,
      data: {
        recordingId: "r1",
        segmentIndex: 0,
        speaker: "caller",
        ...(o.withChannel === false ? {} : { channel: 1 }),
        startMs: 2_000,
        endMs: 2_000 + words.length * 500,
        text: words.join(" "),
        words: words.map((t, k) => ({ t, s: 2_000 + k * 500, e: 2_000 + k * 500 + 400 })),
      },
    },
  ];
}

describe("the pipeline masks card numbers before they are stored", () => {
  afterEach(() => setActiveRedactionPolicy("unused", DEFAULT_REDACTION_POLICY));

  it("stores neither the card number nor the code in cti_events or transcript_segments, and knows where they were said", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("redact");
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 1 << 20, origin: "test" });
    const enc = new TextEncoder();
    // As bytes, the way Kafka delivers them: the masked event must be encoded afresh.
    await pipeline.ingest(callEvents(tenantId).map((e) => ({ payload: enc.encode(JSON.stringify(e)), origin: { source: "kafka" } })));

    const raw = await queryRows<{ data: string }>(ch, "SELECT data FROM cti_events WHERE tenant_id = {t:String} AND type = 'transcript.segment'", { t: tenantId });
    expect(raw).toHaveLength(1);
    expect(raw[0]?.data).not.toMatch(/4111|1111|737/);
    const segs = await queryRows<{ text: string; words: string[] }>(ch, "SELECT text, words FROM transcript_segments WHERE tenant_id = {t:String}", { t: tenantId });
    expect(segs).toEqual([
      { text: "yes it is [card number] and the cvv is [security code]", words: ["yes", "it", "is", "####", "####", "####", "####", "and", "the", "cvv", "is", "####"] },
    ]);
    // Words 3..6 were said from 3.5 s to 5.4 s, word 11 from 7.5 s to 7.9 s, on the caller's channel (1).
    expect(await redactionSpansForRecording(ch, tenantId, "r1", 0)).toEqual([
      { channel: 1, startMs: 3_500, endMs: 5_400, kind: "card_number" },
      { channel: 1, startMs: 7_500, endMs: 7_900, kind: "security_code" },
    ]);
    const originals = await queryRows(ch, "SELECT * FROM transcript_originals WHERE tenant_id = {t:String}", { t: tenantId });
    expect(originals).toEqual([]);
  });

  it("keeps the original in the admins' table only when the policy says so", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("keep");
    setActiveRedactionPolicy(tenantId, { ...DEFAULT_REDACTION_POLICY, keepOriginal: true });
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 1 << 20, origin: "test" });
    await pipeline.ingest(callEvents(tenantId).map((object) => ({ payload: { object }, origin: { source: "sim" } })));
    const originals = await queryRows<{ text: string; redactions: string }>(ch, "SELECT text, redactions FROM transcript_originals WHERE tenant_id = {t:String}", {
      t: tenantId,
    });
    expect(originals.map((o) => o.text)).toEqual(["yes it is 4111 1111 1111 1111 and the cvv is 737"]);
    expect(JSON.parse(originals[0]?.redactions ?? "[]")).toEqual([
      { from: 3, to: 7, kind: "card_number" },
      { from: 11, to: 12, kind: "security_code" },
    ]);
    const raw = await queryRows<{ data: string }>(ch, "SELECT data FROM cti_events WHERE tenant_id = {t:String} AND type = 'transcript.segment'", { t: tenantId });
    expect(raw[0]?.data).not.toMatch(/4111/);

    // The admins' reader gives it back, and the read is audited.
    const admin = { id: "admin", name: "Admin", role: "admin" };
    const read = await readOriginalSegments(ch, tenantId, "r1", admin);
    expect(read.map((r) => [r.segmentIndex, r.text, r.redactions.length])).toEqual([[0, "yes it is 4111 1111 1111 1111 and the cvv is 737", 2]]);
    const audit = await queryRows<{ action: string; target: string }>(ch, "SELECT action, target FROM audit_log WHERE tenant_id = {t:String}", { t: tenantId });
    expect(audit).toEqual([{ action: "transcript_originals.read", target: "recording:r1" }]);
  });
});

describe("a segment that names no channel", () => {
  const everyChannel = [
    { channel: null, startMs: 3_500, endMs: 5_400, kind: "card_number" },
    { channel: null, startMs: 7_500, endMs: 7_900, kind: "security_code" },
  ];

  it("is silenced on every channel, not on channel 0 alone", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("nochannel");
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 1 << 20, origin: "test" });
    await pipeline.ingest(callEvents(tenantId, { withChannel: false }).map((object) => ({ payload: { object }, origin: { source: "kafka" } })));
    expect(await redactionSpansForRecording(ch, tenantId, "r1", 0)).toEqual(everyChannel);
  });

  it("had its rows written before migration 0025 corrected by it, the rows of segments that name one kept", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("before0025");
    // As stored before 0025: the segments in cti_events (written there directly: no view runs), and the old view's rows, channel 0 for the unknown one.
    const ofR2 = (e: CtiEvent): CtiEvent => (e.type === "transcript.segment" ? { ...e, data: { ...e.data, recordingId: "r2" } } : e);
    const segments = [...callEvents(tenantId, { withChannel: false }), ...callEvents(tenantId).map(ofR2)].filter((e) => e.type === "transcript.segment");
    const redactions = [
      { from: 3, to: 7, kind: "card_number" },
      { from: 11, to: 12, kind: "security_code" },
    ];
    await ch.insert({
      table: "cti_events",
      format: "JSONEachRow",
      values: segments.map((e) => ({ ...eventToRow(e), data: JSON.stringify({ ...e.data, redactions }) })),
    });
    await ch.insert({
      table: "transcript_redactions",
      format: "JSONEachRow",
      values: ["r1", "r2"].map((recording_id) => ({
        tenant_id: tenantId,
        call_id: "c1",
        recording_id,
        segment_index: 0,
        channel: recording_id === "r1" ? 0 : 1,
        kinds: ["card_number", "security_code"],
        starts_ms: [3_500, 7_500],
        ends_ms: [5_400, 7_900],
      })),
    });
    expect((await redactionSpansForRecording(ch, tenantId, "r1", 0)).map((s) => s.channel)).toEqual([0, 0]);

    const migration = readMigrations().find((m) => m.name.startsWith("0025_"));
    const backfill = migration?.statements.filter((s) => s.startsWith("INSERT INTO transcript_redactions")) ?? [];
    expect(backfill).toHaveLength(1);
    // Twice: a migration cut short runs again from its start.
    for (let i = 0; i < 2; i++) for (const statement of backfill) await ch.command({ query: statement });

    expect(await redactionSpansForRecording(ch, tenantId, "r1", 0)).toEqual(everyChannel);
    expect(await redactionSpansForRecording(ch, tenantId, "r2", 0)).toEqual(everyChannel.map((s) => ({ ...s, channel: 1 })));
  });
});

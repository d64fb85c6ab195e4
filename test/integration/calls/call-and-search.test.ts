import { beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import type { SessionUser } from "@/lib/auth/session";
import type { AnyEndpoint } from "@/lib/api/endpoint";
import { parseParams } from "@/lib/api/parse-request";
import { toSearchParams } from "@/lib/api/search-params";
import { callEndpoint, callTranscript } from "@/lib/api/endpoints/calls";
import { transcriptSearch } from "@/lib/api/endpoints/transcripts";
import type { CallView } from "@/lib/calls/call-view";
import type { SearchResult } from "@/lib/transcripts/search-transcripts";
import type { TranscriptSegment } from "@/lib/calls/transcript";
import type { CtiEvent } from "@/lib/events";
import { OutOfScope, InvalidInput } from "@/lib/errors/domain-errors";
import { z } from "zod";
import { queryRows } from "@/lib/store/query-rows";
import { entryRows } from "../helpers/entry-rows";
import { freshTenant, testStore } from "../helpers/store";
import { insertAgent } from "../kpi/scenario";
import { CALL_ID, acwEndOfL1, transferredCall } from "../../unit/helpers/transferred-call";

/**
 * The call page's reads and transcript search on the real store: the two-leg call of
 * transferred-call.ts with transcript segments on both recordings, plus a second
 * call in another period, asked through the endpoint declarations (scope step
 * included) as an admin and as supervisors scoped to one team or one queue.
 */

const t0 = Date.UTC(2026, 3, 14, 9, 0, 0);
const HOUR = 3_600_000;
const period = { from: t0 - HOUR, to: t0 + HOUR };
const admin: SessionUser = { id: "admin", name: "Admin", role: "admin" };
const blueOnly: SessionUser = { id: "sup", name: "Sup", role: "supervisor", scope: { teams: ["blue"], queues: [] } };
const salesOnly: SessionUser = { id: "sup2", name: "Sup2", role: "supervisor", scope: { teams: [], queues: ["sales"] } };
const greenOnly: SessionUser = { id: "sup3", name: "Sup3", role: "supervisor", scope: { teams: ["green"], queues: [] } };

const PUNCTUATED = "Your card’s on file—thanks, the CAFÉ\u00a0receipt follows";

let ch: ClickHouseClient;
let tenantId: string;

function segment(
  base: Omit<CtiEvent, "id" | "type" | "time" | "data">,
  time: number,
  recordingId: string,
  index: number,
  speaker: "agent" | "caller",
  startMs: number,
  text: string,
): CtiEvent {
  const words = text.split(" ").map((t, i) => ({ t, s: startMs + i * 400, e: startMs + i * 400 + 300 }));
  return {
    ...(base as { specVersion: "1.0"; source: string; tenantId: string; callId: string }),
    id: randomUUID(),
    type: "transcript.segment",
    time,
    data: { recordingId, segmentIndex: index, speaker, channel: speaker === "agent" ? 0 : 1, startMs, endMs: startMs + words.length * 400, text, words },
  };
}

async function ask<T>(
  endpoint: AnyEndpoint,
  user: SessionUser,
  query: Record<string, string | number | readonly string[] | undefined>,
  path: Record<string, string> = {},
): Promise<T> {
  const params = parseParams(endpoint, toSearchParams(query), path);
  return (await endpoint.run({ ch, tenantId, user, signal: new AbortController().signal }, params, undefined)) as T;
}

const search = (user: SessionUser, q: string, extra: Record<string, string | readonly string[]> = {}) =>
  ask<SearchResult>(transcriptSearch, user, { from: period.from, to: period.to, q, ...extra });

beforeAll(async () => {
  ({ ch } = await testStore());
  tenantId = freshTenant("calls");
  const events = transferredCall(tenantId, t0, () => randomUUID());
  const l1 = { specVersion: "1.0" as const, source: "test", tenantId, callId: CALL_ID, queueId: "sales", legId: "L1", agentId: "a1" };
  const l2 = { ...l1, queueId: "billing", legId: "L2", agentId: "a2" };
  const other = { ...l1, callId: "call-old", legId: "old.1" };
  const punct = { ...l1, callId: "call-punct", legId: "punct.1" };
  const all: CtiEvent[] = [
    ...events,
    acwEndOfL1(tenantId, t0, randomUUID()),
    segment(l1, t0 + 22_000, "rec-L1", 0, "agent", 1_000, "Thank you for calling, how can I help?"),
    segment(l1, t0 + 26_000, "rec-L1", 1, "caller", 5_000, "I want to read my Card, number to you"),
    segment(l2, t0 + 140_000, "rec-L2", 0, "agent", 2_000, "Billing here, please read the card number again"),
    // The same words a day earlier, outside the period searched.
    segment(other, t0 - 24 * HOUR, "rec-old", 0, "caller", 0, "my card number"),
    // Typographic apostrophe, em dash, no-break space: ASCII-only token splitting saw "card’s" and "file—thanks" as single words.
    segment(punct, t0 + 30 * 60_000, "rec-punct", 0, "agent", 0, PUNCTUATED),
  ];
  await ch.insert({ table: "cti_events_in", values: entryRows(all), format: "JSONEachRow" });
  await ch.insert({ table: "cti_events_in", values: entryRows(all), format: "JSONEachRow" }); // at least once: repeats must not show twice
  await insertAgent(ch, { tenantId, agentId: "a1", name: "Ann One", teamId: "red" });
  await insertAgent(ch, { tenantId, agentId: "a2", name: "Bob Two", teamId: "blue" });
});

describe("GET /api/calls/{callId}", () => {
  it("gives the facts from the stored events, ACW from the stored segments (0 where none ended, as the contacts list says), and each recording with its markers", async () => {
    const v = await ask<CallView>(callEndpoint, admin, {}, { callId: CALL_ID });
    expect(v.facts.legs.map((l) => [l.legId, l.agentName, l.waitMs, l.talkMs, l.holdMs, l.acwMs])).toEqual([
      ["L1", "Ann One", 20_000, 70_000, 30_000, 5_000],
      ["L2", "Bob Two", 15_000, 60_000, 0, 0],
    ]);
    expect(v.recordings.map((r) => [r.recordingId, r.startedAt - t0, r.durationMs, r.media, r.markers.map((m) => m.kind).join(",")])).toEqual([
      ["rec-L1", 20_000, 100_000, "pending", "hold,monitoring,monitoring,paused,transfer"],
      ["rec-L2", 135_000, 60_000, "pending", ""],
    ]);
  });

  it("shows a team-scoped supervisor only their agent's leg and recording, and 404s one whose scope has none", async () => {
    const v = await ask<CallView>(callEndpoint, blueOnly, {}, { callId: CALL_ID });
    expect(v.facts.legs.map((l) => l.legId)).toEqual(["L2"]);
    expect(v.recordings.map((r) => r.recordingId)).toEqual(["rec-L2"]);
    await expect(ask(callEndpoint, greenOnly, {}, { callId: CALL_ID })).rejects.toBeInstanceOf(OutOfScope);
    await expect(ask(callEndpoint, admin, {}, { callId: "no-such-call" })).rejects.toBeInstanceOf(OutOfScope);
  });

  it("reads a recording's transcript with word times, and 404s a recording out of scope", async () => {
    const t = await ask<{ segments: TranscriptSegment[] }>(callTranscript, admin, {}, { callId: CALL_ID, recordingId: "rec-L1" });
    expect(t.segments.map((s) => [s.speaker, s.channel, s.startMs, s.words[0]])).toEqual([
      ["agent", 0, 1_000, { t: "Thank", s: 1_000, e: 1_300 }],
      ["caller", 1, 5_000, { t: "I", s: 5_000, e: 5_300 }],
    ]);
    await expect(ask(callTranscript, blueOnly, {}, { callId: CALL_ID, recordingId: "rec-L1" })).rejects.toBeInstanceOf(OutOfScope);
  });
});

describe("GET /api/transcripts/search", () => {
  it("finds a phrase through case and punctuation, once per segment, newest first, inside the period", async () => {
    const r = await search(admin, "CARD number");
    expect(r.items.map((h) => [h.recordingId, h.segmentIndex, h.speaker, h.agentName])).toEqual([
      ["rec-L2", 0, "agent", "Bob Two"],
      ["rec-L1", 1, "caller", "Ann One"],
    ]);
    // "I want to read my Card, number": words 5 and 6, the 6th word starts 5 × 400 ms after the segment's 5 s.
    expect(r.items[1]?.match).toEqual({ first: 5, last: 6 });
    expect(r.items[1]?.seekMs).toBe(7_000);
  });

  it("matches a phrase only with its words adjacent and in order", async () => {
    expect((await search(admin, "number card")).items).toEqual([]);
    expect((await search(admin, "read card")).items).toEqual([]);
    expect((await search(admin, "read the card")).items.map((h) => h.recordingId)).toEqual(["rec-L2"]);
  });

  it("filters by queue, agent, team and outcome", async () => {
    const ids = async (extra: Record<string, string | readonly string[]>) => (await search(admin, "card number", extra)).items.map((h) => h.recordingId);
    expect(await ids({ queue: ["sales"] })).toEqual(["rec-L1"]);
    expect(await ids({ agent: ["a2"] })).toEqual(["rec-L2"]);
    expect(await ids({ team: ["red"] })).toEqual(["rec-L1"]);
    expect(await ids({ outcome: "answered" })).toEqual(["rec-L2", "rec-L1"]);
    expect(await ids({ outcome: "abandon" })).toEqual([]);
  });

  it("applies the caller's scope, and refuses a queue outside it as not found", async () => {
    expect((await search(blueOnly, "card number")).items.map((h) => h.recordingId)).toEqual(["rec-L2"]);
    expect((await search(salesOnly, "card number")).items.map((h) => h.recordingId)).toEqual(["rec-L1"]);
    await expect(search(salesOnly, "card number", { queue: ["billing"] })).rejects.toBeInstanceOf(OutOfScope);
  });

  it("pages in a stable order and says when there is more", async () => {
    const first = await search(admin, "card number", { limit: "1" });
    const second = await search(admin, "card number", { limit: "1", offset: "1" });
    expect([first.items[0]?.recordingId, first.hasMore, second.items[0]?.recordingId, second.hasMore]).toEqual(["rec-L2", true, "rec-L1", false]);
  });

  it("finds words beside any punctuation or space, and stores the text normalised by the rule search states", async () => {
    expect((await search(admin, "card")).items.map((h) => h.recordingId)).toEqual(["rec-punct", "rec-L2", "rec-L1"]);
    const receipt = await search(admin, "café receipt");
    expect(receipt.items.map((h) => [h.recordingId, h.match])).toEqual([["rec-punct", { first: 5, last: 5 }]]);
    expect((await search(admin, "file thanks")).items.map((h) => h.recordingId)).toEqual(["rec-punct"]);
    expect((await search(admin, "cards")).items).toEqual([]);
    const [row] = await queryRows(
      ch,
      "SELECT norm_text FROM transcript_search WHERE tenant_id = {t:String} AND call_id = 'call-punct' LIMIT 1",
      { t: tenantId },
      z.object({ norm_text: z.string() }),
    );
    // Lower case, every run of characters that are neither letters nor digits one space, a space at each end.
    expect(row?.norm_text).toBe(" your card s on file thanks the café receipt follows ");
  });

  it("finds hits over the whole period, still newest first", async () => {
    const r = await ask<SearchResult>(transcriptSearch, admin, { from: t0 - 9 * 24 * HOUR, to: period.to, q: "card number" });
    expect(r.items.map((h) => h.recordingId)).toEqual(["rec-L2", "rec-L1", "rec-old"]);
    const second = await ask<SearchResult>(transcriptSearch, admin, { from: t0 - 9 * 24 * HOUR, to: period.to, q: "card number", limit: "2", offset: "2" });
    expect([second.items.map((h) => h.recordingId), second.hasMore]).toEqual([["rec-old"], false]);
  });

  it("refuses an empty or too long query with a 400", async () => {
    await expect(search(admin, "")).rejects.toBeInstanceOf(InvalidInput);
    await expect(search(admin, "a".repeat(201))).rejects.toThrow(/at most 200 characters/);
  });
});

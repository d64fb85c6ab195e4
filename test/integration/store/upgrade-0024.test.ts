import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { migrate } from "@/sql/migrate";
import { parseSearchQuery } from "@/lib/transcripts/search-query";
import { searchTranscripts, type SearchInput } from "@/lib/transcripts/search-transcripts";
import { entryRows } from "../helpers/entry-rows";
import { storeBefore } from "../helpers/store-before";

/**
 * A store that holds transcripts from before migration 0024 is upgraded in place: the
 * search copy is filled from `transcript_segments`, so old calls are found, and segments
 * arriving afterwards reach it through its own view. This file uses its own store, so it
 * must not call testStore() (one chDB data directory per process).
 */

const t0 = Date.UTC(2026, 2, 3, 10, 0, 0);
const tenantId = "upgrade-0024";

function segment(callId: string, time: number, text: string): CtiEvent {
  const words = text.split(" ").map((t, i) => ({ t, s: i * 400, e: i * 400 + 300 }));
  return {
    specVersion: "1.0",
    source: "test",
    tenantId,
    id: randomUUID(),
    type: "transcript.segment",
    time,
    callId,
    legId: `${callId}.1`,
    queueId: "q1",
    agentId: "a1",
    data: { recordingId: `rec-${callId}`, segmentIndex: 0, speaker: "caller", channel: 1, startMs: 0, endMs: words.length * 400, text, words },
  };
}

const input = (q: string): SearchInput => ({
  tenantId,
  query: parseSearchQuery(q),
  from: t0 - 86_400_000,
  to: t0 + 86_400_000,
  queueIds: [],
  teamIds: [],
  agentIds: [],
  outcomes: [],
  limit: 10,
  offset: 0,
});

describe("migration 0024 on a store with transcripts", () => {
  it("copies the stored segments into the search table, and later ones arrive by its view", async () => {
    const ch = await storeBefore("0024");
    await ch.insert({ table: "cti_events_in", values: entryRows([segment("old", t0, "my card—number is on file")]), format: "JSONEachRow" });

    const report = await migrate(ch);
    expect(report.applied).toContain("0024_transcript_search.sql");
    await ch.insert({ table: "cti_events_in", values: entryRows([segment("new", t0 + 60_000, "the Card number again")]), format: "JSONEachRow" });

    const hits = await searchTranscripts(ch, input("card number"));
    expect(hits.items.map((h) => [h.callId, h.match])).toEqual([
      ["new", { first: 1, last: 2 }],
      ["old", { first: 1, last: 1 }],
    ]);
    expect((await searchTranscripts(ch, input("on file"))).items.map((h) => h.callId)).toEqual(["old"]);
  });
});

import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "@/lib/transcripts/search-query";
import { searchParams, searchSql, searchTranscripts, type SearchInput } from "@/lib/transcripts/search-transcripts";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/**
 * The shingle index (migration 0032) on the store itself: a phrase of words found in every
 * segment, but in that order only in the newest granule's segments, reads that granule and
 * skips the rest; the index's expression as the search names it is the one the store matches.
 */
const GRANULE = 8192;
const t0 = Date.UTC(2026, 3, 1);

describe("the shingle index", () => {
  it("skips every granule that cannot hold the phrase's word triples, and search still finds the phrase", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("shingles");
    // Three granules of rows, one per second: the newest holds "number thank card birth", the two older the same words in another order.
    await ch.command({
      query: `INSERT INTO transcript_search (tenant_id, at, call_id, recording_id, segment_index, queue_id, agent_id, speaker, start_ms, end_ms, text, norm_text, words, word_starts, word_ends)
        SELECT {t:String}, fromUnixTimestamp64Milli(toInt64({t0:Int64} + number * 1000)), concat('c', toString(number)), concat('r', toString(number)), 0, 'q1', 'a1', 'agent', 0, 2000,
          if(number >= ${2 * GRANULE}, 'number thank card birth', 'card birth number thank') AS text, concat(' ', text, ' '), splitByChar(' ', text), [0, 400, 800, 1200], [300, 700, 1100, 1500]
        FROM numbers(${3 * GRANULE})`,
      query_params: { t: tenantId, t0 },
    });
    await ch.command({ query: "OPTIMIZE TABLE transcript_search FINAL" });
    const input = (q: string): SearchInput => ({
      tenantId,
      query: parseSearchQuery(q),
      from: t0,
      to: t0 + 3 * GRANULE * 1000,
      queueIds: [],
      teamIds: [],
      agentIds: [],
      outcomes: [],
      limit: 25,
      offset: 0,
    });
    const granulesRead = async (q: string) => {
      const i = input(q);
      const sql = searchSql({ tokens: i.query.tokens.length, shingles: i.query.shingles.length, queues: false, teams: false, agents: false, outcomes: false });
      const plan = (await queryRows<{ explain: string }>(ch, `EXPLAIN indexes = 1 ${sql}`, searchParams(i))).map((r) => r.explain);
      const at = plan.findIndex((l) => l.endsWith("Name: norm_shingles"));
      const granules = plan
        .slice(at)
        .map((l) => /Granules: (\d+\/\d+)$/.exec(l)?.[1])
        .find(Boolean);
      return at < 0 ? "index not used" : `Granules: ${granules}`;
    };
    // Other tenants' rows may share the parts; the phrase's triples are in this tenant's newest granule only.
    const all = await queryRows<{ n: string }>(ch, "SELECT count() AS n FROM transcript_search WHERE tenant_id = {t:String}", { t: tenantId });
    expect(Number(all[0]?.n)).toBe(3 * GRANULE);
    expect(await granulesRead("number thank card birth")).toMatch(/^Granules: 1\/\d+$/);
    // "thank card birth" is the newest granule's too; "birth number thank" only the two older ones'.
    expect(await granulesRead("thank card birth")).toMatch(/^Granules: 1\/\d+$/);
    expect(await granulesRead("birth number thank")).toMatch(/^Granules: 2\/\d+$/);

    const found = await searchTranscripts(ch, input("Number, thank card birth"));
    expect(found.items.map((h) => h.callId)).toEqual(Array.from({ length: 25 }, (_, k) => `c${3 * GRANULE - 1 - k}`));
    expect(found.items[0]?.match).toEqual({ first: 0, last: 3 });
    expect((await searchTranscripts(ch, input("thank number card birth"))).items).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { IngestPipeline } from "@/ingest/pipeline/pipeline";
import type { InboundMessage } from "@/ingest/pipeline/message";
import { buildBatch } from "@/ingest/pipeline/batch";
import { writeBatch } from "@/ingest/pipeline/store-writer";
import { eventToRow } from "@/lib/store/event-row";
import type { CtiEvent } from "@/lib/events";
import { afterCallWorkEnded, answeredCall, bytesOf, ringLetPass } from "../../unit/helpers/events";
import { expectedDerivedSums, storedDerivedSums, withMergesStopped, type DerivedSums } from "../helpers/derived-sums";
import { freshTenant, queryRows, testStore } from "../helpers/store";

const origin = { source: "test" };
const msg = (bytes: Uint8Array): InboundMessage => ({ payload: bytes, origin });

describe("ingest pipeline on embedded chDB", () => {
  it("counts as already stored only events of the batch that validate: an invalid message reusing a stored id is dead-lettered", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant();
    const [first, second] = answeredCall(tenant, "c0", Date.UTC(2026, 1, 2, 8), 1000, 20000);
    if (!first || !second) throw new Error("answeredCall gave fewer than two events");
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65536, origin: "test" });
    await pipeline.ingest([msg(bytesOf(first))]);
    // Same id, tenant and time as the stored event, so the store's lookup finds it; but its data is invalid.
    const impostor = { ...first, data: { from: 42 } };
    const result = await pipeline.ingest([msg(bytesOf(impostor)), msg(bytesOf(second))]);
    expect(result).toMatchObject({ received: 2, inserted: 1, alreadyStored: 0, deadLettered: 1 });
  });

  it("stores every valid event and dead-letters every bad one, with reason and original bytes", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant();
    const good = [...answeredCall(tenant, "c1", Date.UTC(2026, 1, 2, 9), 4000, 50000), ...answeredCall(tenant, "c2", Date.UTC(2026, 1, 2, 9, 5), 30000, 90000)];
    const bad: Array<[string, Uint8Array]> = [
      ["malformed_json", new TextEncoder().encode("{not json")],
      ["invalid_utf8", new Uint8Array([0x22, 0xc3, 0x28, 0x22])],
      ["unknown_type", bytesOf({ ...good[0], type: "call.teleported" })],
      ["schema_violation", bytesOf({ ...good[0], time: "noon" })],
      ["oversized", bytesOf({ ...good[0], raw: { blob: "y".repeat(70_000) } })],
    ];
    // Interleave: bad, good, bad, good, ...
    const messages: InboundMessage[] = [];
    good.forEach((e, i) => {
      const b = bad[i];
      if (b) messages.push(msg(b[1]));
      messages.push(msg(bytesOf(e)));
    });
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65536, origin: "test" });
    const result = await pipeline.ingest(messages);
    expect(result).toMatchObject({ received: good.length + bad.length, inserted: good.length, deadLettered: bad.length });

    const stored = await queryRows<{ id: string }>(ch, "SELECT toString(event_id) id FROM cti_events WHERE tenant_id = {t:String}", { t: tenant });
    expect(new Set(stored.map((r) => r.id))).toEqual(new Set(good.map((e) => e.id)));

    const letters = await queryRows<{ reason: string; payload_base64: string; original_size: string }>(
      ch,
      "SELECT reason, payload_base64, original_size FROM dead_letters WHERE source = 'test' ORDER BY received_at",
    );
    for (const [reason, bytes] of bad) {
      // The bytes as they arrived, cut at 64 KiB (only the oversized one is longer), and how many arrived.
      const letter = letters.find((l) => l.payload_base64 === Buffer.from(bytes).subarray(0, 65_536).toString("base64"));
      expect(letter?.reason, reason).toBe(reason);
      expect(Number(letter?.original_size), reason).toBe(bytes.byteLength);
    }
  });

  it("counts a re-delivered batch once, in raw events and in every derived table", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant();
    const events = [
      ...answeredCall(tenant, "c9", Date.UTC(2026, 1, 3, 10), 8000, 60000),
      afterCallWorkEnded(tenant, "c9", Date.UTC(2026, 1, 3, 10), 8000, 60000, 20000),
      ringLetPass(tenant, "c9", Date.UTC(2026, 1, 3, 10)),
    ];
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65536, origin: "test" });
    const messages = events.map((e) => msg(bytesOf(e)));
    await withMergesStopped(ch, async () => {
      await pipeline.ingest(messages);
      const again = await pipeline.ingest([...messages.slice(2), ...messages]); // overlapping re-delivery
      expect(again.inserted).toBe(0);
      const [raw] = await queryRows<{ n: number }>(ch, "SELECT count() n FROM cti_events WHERE tenant_id = {t:String}", { t: tenant });
      expect(raw?.n).toBe(events.length);
      expect(await storedDerivedSums(ch, tenant)).toEqual(everyViewOnce(events));
    });
  });

  it("tells listeners about each new event once, after it is stored", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant();
    const events = answeredCall(tenant, "c5", Date.UTC(2026, 1, 4, 11), 1000, 1000);
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65536, origin: "test" });
    const heard: string[] = [];
    pipeline.onEvents((es) => heard.push(...es.map((e) => e.id)));
    await pipeline.ingest(events.map((e) => ({ payload: { object: e }, origin })));
    await pipeline.ingest(events.map((e) => ({ payload: { object: e }, origin })));
    expect(heard).toEqual(events.map((e) => e.id));
  });
});

describe("a retried insert (same deduplication token)", () => {
  it("reaches neither the raw table nor any derived table twice", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant();
    const events = [
      ...answeredCall(tenant, "r1", Date.UTC(2026, 1, 5, 10), 3000, 40000),
      afterCallWorkEnded(tenant, "r1", Date.UTC(2026, 1, 5, 10), 3000, 40000, 15000),
      ringLetPass(tenant, "r1", Date.UTC(2026, 1, 5, 10)),
    ];
    const rows = events.map(eventToRow);
    const settings = { insert_deduplicate: 1 as const, insert_deduplication_token: `retry-test-${tenant}` };
    await withMergesStopped(ch, async () => {
      await ch.insert({ table: "cti_events", values: rows, format: "JSONEachRow", clickhouse_settings: settings });
      await ch.insert({ table: "cti_events", values: rows, format: "JSONEachRow", clickhouse_settings: settings });
      const [raw] = await queryRows<{ n: string }>(ch, "SELECT count() n FROM cti_events WHERE tenant_id = {t:String}", { t: tenant });
      expect(Number(raw?.n)).toBe(rows.length);
      expect(await storedDerivedSums(ch, tenant)).toEqual(everyViewOnce(events));
    });
  });
});

describe("the pipeline's entry table (bytes as received, through cti_events_in)", () => {
  it("drops a retried batch whole when the already-stored lookup missed the first write", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant();
    const events = [
      ...answeredCall(tenant, "e1", Date.UTC(2026, 1, 6, 10), 5000, 30000),
      afterCallWorkEnded(tenant, "e1", Date.UTC(2026, 1, 6, 10), 5000, 30000, 9000),
      ringLetPass(tenant, "e1", Date.UTC(2026, 1, 6, 10)),
    ];
    const batch = buildBatch(
      events.map((e) => msg(bytesOf(e))),
      65536,
    );
    const nothingStored = () => Promise.resolve(new Set<string>());
    await withMergesStopped(ch, async () => {
      await writeBatch(ch, batch, "retry", nothingStored());
      await writeBatch(ch, batch, "retry", nothingStored());
      const [raw] = await queryRows<{ n: string }>(ch, "SELECT count() n FROM cti_events WHERE tenant_id = {t:String}", { t: tenant });
      expect(Number(raw?.n)).toBe(events.length);
      expect(await storedDerivedSums(ch, tenant)).toEqual(everyViewOnce(events));
    });
  });

  it("stores what was validated when ClickHouse would read the bytes otherwise (a repeated key, a time in exponent form)", async () => {
    const { ch } = await testStore();
    const tenant = freshTenant();
    const start = Date.UTC(2026, 1, 7, 10);
    const events = [...answeredCall(tenant, "e2", start, 4000, 20000), afterCallWorkEnded(tenant, "e2", start, 4000, 20000, 7000), ringLetPass(tenant, "e2", start)];
    const [first, second, ...rest] = events as [CtiEvent, CtiEvent, ...CtiEvent[]];
    // JSON.parse keeps the last of a repeated key; ClickHouse refuses the repeat. Exponent form is a number to JSON, not to an Int64 column.
    const repeated = JSON.stringify(first).replace('"callId":"e2"', '"callId":"wrong","callId":"e2"');
    const exponent = JSON.stringify(second).replace(`"time":${second.time}`, `"time":${(second.time / 1000).toString()}e3`);
    expect(repeated).not.toBe(JSON.stringify(first));
    expect(exponent).not.toBe(JSON.stringify(second));
    const messages = [msg(new TextEncoder().encode(repeated)), msg(new TextEncoder().encode(exponent)), ...rest.map((e) => msg(bytesOf(e)))];
    await withMergesStopped(ch, async () => {
      const result = await new IngestPipeline(ch, { maxEventBytes: 65536, origin: "test" }).ingest(messages);
      expect(result).toMatchObject({ inserted: events.length, deadLettered: 0 });
      const stored = await queryRows<{ id: string; call: string; ms: number }>(
        ch,
        "SELECT toString(event_id) id, call_id call, toUnixTimestamp64Milli(time) ms FROM cti_events WHERE tenant_id = {t:String}",
        { t: tenant },
      );
      const byId = new Map(stored.map((r) => [r.id, r]));
      for (const e of events) expect(byId.get(e.id), e.type).toMatchObject({ call: e.callId ?? "", ms: e.time });
      expect(await storedDerivedSums(ch, tenant)).toEqual(everyViewOnce(events));
    });
  });
});

/** The derived sums of `events` stored once, checked to be non-zero so that a second copy would change every one. */
function everyViewOnce(events: readonly CtiEvent[]): DerivedSums {
  const sums = expectedDerivedSums(events);
  for (const [name, value] of Object.entries(sums)) expect(value, name).toBeGreaterThan(0);
  return sums;
}

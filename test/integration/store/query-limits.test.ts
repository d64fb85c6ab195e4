import { describe, expect, it } from "vitest";
import { z } from "zod";
import { testStore } from "../helpers/store";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { QueryLimitExceeded } from "@/lib/store/query-limit-error";
import { withRequestSignal } from "@/lib/store/request-signal";
import { storeCommand } from "@/lib/store/store-call";

/** Limits and cancellation on the real embedded engine (issue 9, finding 2). */

const one = z.object({ x: sqlNumber });
// One row per block, a second per row: output is produced before the limit stops it (the case where chDB leaves rows behind).
const SLOW = "SELECT sleepEachRow(1) AS x FROM numbers(10) SETTINGS max_block_size = 1";

describe("query limits", () => {
  it("stops a query at its time limit with an error naming the limit, and serves the next query its own rows", async () => {
    const { ch } = await testStore();
    const started = performance.now();
    const err = await queryRows(ch, SLOW, {}, one, { maxSeconds: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryLimitExceeded);
    expect((err as Error).message).toMatch(/exceeded its 2 s time limit; narrow the period or the filters/);
    // Stopped near its limit, not after its ten seconds.
    expect(performance.now() - started).toBeLessThan(9_000);
    expect(await queryRows(ch, "SELECT 7 AS x", {}, one)).toEqual([{ x: 7 }]);
    expect(await queryRows(ch, "SELECT {n:UInt8} AS x", { n: 8 }, one)).toEqual([{ x: 8 }]);
  });

  it("stops a query at its memory limit and the limits do not stick to the next query", async () => {
    const { ch } = await testStore();
    const err = await queryRows(ch, "SELECT length(groupArray(number)) AS x FROM numbers(400000000)", {}, one, { kind: "export" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryLimitExceeded);
    expect((err as Error).message).toMatch(/exceeded its 1024 MiB memory limit/);
    const [settings] = await queryRows(
      ch,
      "SELECT getSetting('max_execution_time') AS t, getSetting('max_memory_usage') AS m",
      {},
      z.object({ t: sqlNumber, m: sqlNumber }),
      { kind: "compaction" },
    );
    expect(settings).toEqual({ t: 600, m: 4 * 1024 ** 3 });
    const [after] = await queryRows(ch, "SELECT getSetting('max_execution_time') AS t", {}, z.object({ t: sqlNumber }));
    expect(after?.t).toBe(20);
  });
});

describe("cancellation", () => {
  it("never runs a call whose caller left while it waited for the engine", async () => {
    const { ch } = await testStore();
    await ch.command({ query: "CREATE TABLE IF NOT EXISTS cancel_probe (m String) ENGINE = Memory" });
    const marker = (name: string) => `${name}-${process.pid}-${Date.now()}`;
    // A write takes only the signal it is given (a read would take the request's, as the next test shows).
    const run = (m: string, signal?: AbortSignal) => storeCommand(ch, "INSERT INTO cancel_probe VALUES ({m:String})", { m }, { signal });
    const stored = (m: string) => queryRows(ch, "SELECT count() AS x FROM cancel_probe WHERE m = {m:String}", { m }, one);

    const busy = queryRows(ch, "SELECT sleepEachRow(0.5) AS x FROM numbers(4) SETTINGS max_block_size = 1", {}, one);
    const [left, stayed] = [marker("left"), marker("stayed")];
    const leaving = new AbortController();
    const queued = run(left, leaving.signal);
    const waiting = run(stayed);
    leaving.abort();
    await expect(queued).rejects.toThrow();
    await Promise.all([busy, waiting]);
    expect(await stored(left)).toEqual([{ x: 0 }]);
    expect(await stored(stayed)).toEqual([{ x: 1 }]);
  });

  it("cancels a read with the request it serves, without being told", async () => {
    const { ch } = await testStore();
    const busy = queryRows(ch, "SELECT sleepEachRow(0.5) AS x FROM numbers(2) SETTINGS max_block_size = 1", {}, one);
    const leaving = new AbortController();
    const queued = withRequestSignal(leaving.signal, () => queryRows(ch, "SELECT 1 AS x", {}, one));
    leaving.abort(new Error("client left"));
    await expect(queued).rejects.toThrow("client left");
    await busy;
  });
});

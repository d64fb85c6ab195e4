import { describe, expect, it } from "vitest";
import { timeWindows } from "@/ingest/pipeline/store-writer";
import { parsedScope, eventsScope, type ParsedBatch } from "@/ingest/pipeline/batch";
import { answeredCall } from "../helpers/events";

describe("timeWindows", () => {
  it("splits at gaps over a minute and merges close times", () => {
    expect(timeWindows([5000, 0, 200_000, 230_000])).toEqual([
      [0, 5000],
      [200_000, 230_000],
    ]);
    expect(timeWindows([])).toEqual([]);
  });

  it("gives the same windows for times already in order (no sort) as for the same times shuffled", () => {
    const times = [0, 5000, 70_000, 200_000, 230_000, 400_000];
    const shuffled = [230_000, 0, 400_000, 70_000, 5000, 200_000];
    expect(timeWindows(times)).toEqual(timeWindows(shuffled));
    expect(timeWindows(times)).toEqual([
      [0, 5000],
      [70_000, 70_000],
      [200_000, 230_000],
      [400_000, 400_000],
    ]);
  });
});

describe("the lookup scope", () => {
  it("reads tenants and times from values not yet validated, leaving out those without them", () => {
    const message = { payload: new Uint8Array(), origin: { source: "test" } };
    const parsed: ParsedBatch = {
      values: [
        { message, value: { tenantId: "t", time: 5, id: "a", type: "anything" } },
        { message, value: { tenantId: "t", time: "noon", id: "b" } },
        { message, value: { tenantId: 7, time: 5, id: "c" } },
        { message, value: [1, 2] },
        { message, value: null },
        { message, value: { tenantId: "t", time: Number.POSITIVE_INFINITY, id: "d" } },
        { message, value: { tenantId: "u", time: 9, id: "e" } },
        { message, value: { tenantId: "t", time: 7 } },
      ],
      deadLetters: [],
    };
    expect(parsedScope(parsed)).toEqual({ tenants: ["t", "u"], times: [5, 9, 7] });
  });

  it("is the same for validated rows as for the values they came from", () => {
    const events = answeredCall("t1", "c1", 1_000_000, 4000, 50_000);
    const message = { payload: new Uint8Array(), origin: { source: "test" } };
    const parsed: ParsedBatch = { values: events.map((value) => ({ message, value })), deadLetters: [] };
    expect(eventsScope(events)).toEqual(parsedScope(parsed));
  });
});

import { describe, expect, it } from "vitest";
import { abortion, reconnectDelay } from "@/ingest/freeswitch/esl-client";

describe("reconnectDelay", () => {
  it("doubles from the first delay and stays at the ceiling", () => {
    const backoff = { firstMs: 250, maxMs: 10_000 };
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50, 5000].map((n) => reconnectDelay(n, backoff))).toEqual([250, 500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000, 10_000]);
  });
});

describe("abortion", () => {
  it("rejects with the signal's reason when given no message", async () => {
    const c = new AbortController();
    const later = abortion(c.signal);
    c.abort(new Error("the deadline passed"));
    await expect(later).rejects.toThrow("the deadline passed");
  });
});

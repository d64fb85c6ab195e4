import { describe, expect, it } from "vitest";
import { waitWithin } from "@/ingest/asterisk/wait-within";

describe("waiting for shared work under one's own signal", () => {
  it("gives the work's answer or failure while the signal holds", async () => {
    await expect(waitWithin(Promise.resolve(7), new AbortController().signal, "x")).resolves.toBe(7);
    await expect(waitWithin(Promise.reject(new Error("refused")), new AbortController().signal, "x")).rejects.toThrow("refused");
  });

  it("gives up as a timeout when the signal aborts, the work going on, its later failure handled", async () => {
    let fail!: (e: Error) => void;
    const work = new Promise<number>((_, reject) => (fail = reject));
    const caller = new AbortController();
    const waiting = waitWithin(work, caller.signal, "the login");
    caller.abort();
    await expect(waiting).rejects.toMatchObject({ code: "timeout", message: expect.stringContaining("the login") });
    // A second caller on the same work still gets its outcome.
    const other = waitWithin(work, new AbortController().signal, "the login");
    fail(new Error("refused later"));
    await expect(other).rejects.toThrow("refused later");
    const already = new AbortController();
    already.abort();
    await expect(waitWithin(new Promise(() => {}), already.signal, "y")).rejects.toMatchObject({ code: "timeout" });
  });
});

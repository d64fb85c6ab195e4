import { describe, expect, it } from "vitest";
import { heldKeyLocks, withKeyLock } from "@/lib/records/key-lock";

/** A promise the test resolves by hand, so the order of events is decided by the test, not by timers. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = () => {};
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe("the per-record lock", () => {
  it("runs edits of one key one after another, in the order they came", async () => {
    const log: string[] = [];
    const first = gate();
    const a = withKeyLock("k", async () => {
      log.push("a start");
      await first.wait;
      log.push("a end");
      return "a";
    });
    const b = withKeyLock("k", async () => {
      log.push("b");
      return "b";
    });
    await Promise.resolve();
    expect(log).toEqual(["a start"]);
    first.open();
    expect(await Promise.all([a, b])).toEqual(["a", "b"]);
    expect(log).toEqual(["a start", "a end", "b"]);
    expect(heldKeyLocks()).toBe(0);
  });

  it("lets other keys run meanwhile, and a failed edit does not block the next", async () => {
    const held = gate();
    const slow = withKeyLock("x", () => held.wait);
    expect(await withKeyLock("y", async () => "y")).toBe("y");
    held.open();
    await slow;
    await expect(withKeyLock("z", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await withKeyLock("z", async () => "after")).toBe("after");
    expect(heldKeyLocks()).toBe(0);
  });
});

import { describe, expect, it, vi } from "vitest";
import { mediaLockHolders, withMediaLock } from "@/lib/recordings/media/media-lock";

describe("withMediaLock", () => {
  it("runs each writer of one recording in turn, a failed one not stopping the next, and other recordings alongside", async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const first = withMediaLock("t1", "r1", async () => {
      order.push("first starts");
      await new Promise<void>((r) => (releaseFirst = r));
      order.push("first ends");
      throw new Error("first failed");
    });
    const second = withMediaLock("t1", "r1", async () => {
      order.push("second runs");
      return 2;
    });
    const other = withMediaLock("t1", "r2", async () => {
      order.push("other recording runs");
      return "other";
    });
    expect(await other).toBe("other");
    expect(order).toEqual(["first starts", "other recording runs"]);
    expect(mediaLockHolders("t1", "r1")).toBe(2);
    releaseFirst();
    await expect(first).rejects.toThrow("first failed");
    expect(await second).toBe(2);
    expect(order).toEqual(["first starts", "other recording runs", "first ends", "second runs"]);
    await vi.waitFor(() => expect(mediaLockHolders("t1", "r1")).toBe(0));
  });
});

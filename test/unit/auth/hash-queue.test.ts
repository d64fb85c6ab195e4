import { describe, expect, it } from "vitest";
import { BoundedQueue, HashQueueFull, HASH_CONCURRENCY, HASH_MAX_WAITING } from "@/lib/auth/hash-queue";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe("bounded hashing queue", () => {
  it("runs at most `concurrency` tasks at once, in order, and refuses at once when full", async () => {
    const q = new BoundedQueue(1, 2);
    const gates = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const task = (i: number) => async () => {
      started.push(i);
      running++;
      peak = Math.max(peak, running);
      await gates[i]!.promise;
      running--;
      return i;
    };
    const results = [0, 1, 2].map((i) => q.run(task(i)));
    // The fourth finds one running and two waiting: refused without waiting for anything.
    await expect(q.run(async () => 99)).rejects.toBeInstanceOf(HashQueueFull);
    expect(q.size).toEqual({ running: 1, waiting: 2 });
    expect(started).toEqual([0]);
    gates[0]!.resolve();
    expect(await results[0]).toBe(0);
    gates[1]!.resolve();
    gates[2]!.resolve();
    expect(await Promise.all(results)).toEqual([0, 1, 2]);
    expect(started).toEqual([0, 1, 2]);
    expect(peak).toBe(1);
    expect(q.size).toEqual({ running: 0, waiting: 0 });
  });

  it("frees the slot when a task throws", async () => {
    const q = new BoundedQueue(1, 0);
    await expect(q.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await q.run(async () => "next")).toBe("next");
  });

  it("password hashing goes through the process's queue: of 40 parallel checks, those beyond 1 running + 16 waiting are told busy at once", async () => {
    const stored = await hashPassword("right");
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => verifyPassword("wrong", stored)));
    const refused = results.filter((r) => r.status === "rejected");
    // The rest are told "busy" at once, not queued without bound.
    expect(refused.length).toBe(40 - HASH_CONCURRENCY - HASH_MAX_WAITING);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(HashQueueFull);
    expect(results.filter((r) => r.status === "fulfilled").every((r) => (r as PromiseFulfilledResult<boolean>).value === false)).toBe(true);
  });
});

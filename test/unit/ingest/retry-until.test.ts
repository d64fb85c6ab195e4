import { describe, expect, it } from "vitest";
import { retryUntil } from "@/lib/retry-until";

describe("retryUntil", () => {
  it("retries with doubling delays until the attempt succeeds", async () => {
    const delays: number[] = [];
    let calls = 0;
    const result = await retryUntil(
      async () => {
        calls += 1;
        if (calls < 4) throw new Error(`down ${calls}`);
        return "up";
      },
      { firstDelayMs: 1, maxDelayMs: 3, signal: new AbortController().signal, onRetry: (_e, d) => delays.push(d) },
    );
    expect(result).toBe("up");
    expect(delays).toEqual([1, 2, 3]);
  });

  it("gives up at once when aborted while waiting, so shutdown is not held", async () => {
    const ctl = new AbortController();
    const started = Date.now();
    // Aborted once the 60 s wait has begun (onRetry comes just before it), not after a guessed delay.
    const pending = retryUntil(() => Promise.reject(new Error("broker down")), {
      firstDelayMs: 60_000,
      maxDelayMs: 60_000,
      signal: ctl.signal,
      onRetry: () => queueMicrotask(() => ctl.abort()),
    });
    expect(await pending).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("throws errors it is told retrying cannot cure", async () => {
    class Fatal extends Error {}
    await expect(
      retryUntil(() => Promise.reject(new Fatal("refused")), {
        firstDelayMs: 1,
        maxDelayMs: 1,
        signal: new AbortController().signal,
        onRetry: () => undefined,
        isFatal: (e) => e instanceof Fatal,
      }),
    ).rejects.toThrow("refused");
  });
});

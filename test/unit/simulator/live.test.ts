import { afterEach, describe, expect, it, vi } from "vitest";
import { ContactCentreSim } from "@/ingest/simulator/engine";
import { startLiveSimulator } from "@/ingest/simulator/live";
import { SimulatedPbx } from "@/ingest/simulator/pbx";
import type { PlatformAdapter } from "@/ingest/platform";
import type { CtiEvent } from "@/lib/events";
import { defaultConfig, MONDAY, simulate } from "./fixtures";

const T0 = MONDAY + 10 * 3_600_000;

afterEach(() => {
  vi.useRealTimers();
});

describe("live simulator", () => {
  it("advances to now() each tick and hands over only non-empty batches", async () => {
    vi.useFakeTimers();
    let clock = T0;
    const batches: CtiEvent[][] = [];
    const sim = new ContactCentreSim(defaultConfig(), { seed: 9, startTime: T0 });
    const live = startLiveSimulator({ sim, onEvents: (e) => void batches.push(e), tickMs: 200, now: () => clock });
    for (let i = 0; i < 300; i++) {
      clock += 1_000; // simulated time runs 5x the tick so a test covers minutes
      await vi.advanceTimersByTimeAsync(200);
    }
    await live.stop();
    expect(batches.length).toBeGreaterThan(10);
    expect(batches.every((b) => b.length > 0)).toBe(true);
    expect(batches.flat()).toEqual(simulate(defaultConfig(), 9, T0, sim.now));
    const after = batches.length;
    clock += 60_000;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(batches.length).toBe(after); // stopped means stopped
  });

  it("does not overlap deliveries to a slow sink, and loses nothing", async () => {
    vi.useFakeTimers();
    let clock = T0;
    let active = 0;
    let maxActive = 0;
    const got: CtiEvent[] = [];
    const sim = new ContactCentreSim(defaultConfig(), { seed: 10, startTime: T0 });
    const live = startLiveSimulator({
      sim,
      tickMs: 100,
      now: () => clock,
      onEvents: async (events) => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((r) => setTimeout(r, 450));
        got.push(...events);
        active--;
      },
    });
    for (let i = 0; i < 100; i++) {
      clock += 5_000;
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    await live.stop();
    expect(maxActive).toBe(1);
    expect(got).toEqual(simulate(defaultConfig(), 10, T0, sim.now));
  });
});

describe("SimulatedPbx", () => {
  it("is a PlatformAdapter that backfills to now in chunks, then runs live", async () => {
    // Only the live ticker's interval is faked: start() yields to setImmediate between catch-up chunks.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    let clock = T0 + 6 * 3_600_000;
    const batches: CtiEvent[][] = [];
    const progress: number[] = [];
    const pbx: PlatformAdapter = SimulatedPbx.fromConfig(defaultConfig(), 12, T0, {
      now: () => clock,
      tickMs: 20,
      catchUpChunkMs: 30 * 60_000,
      onProgress: (t) => progress.push(t),
    });
    expect(pbx.name).toContain("sim://pbx1");
    await pbx.start(async (events) => {
      batches.push(events);
    });
    expect(progress.length).toBe(12); // six hours in half-hour chunks
    const backfilled = batches.flat().length;
    clock += 10 * 60_000;
    await vi.advanceTimersByTimeAsync(100);
    await pbx.stop();
    expect(batches.flat().length).toBeGreaterThan(backfilled);
    const events = batches.flat();
    expect(events).toEqual(simulate(defaultConfig(), 12, T0, T0 + 6 * 3_600_000 + 10 * 60_000));
    await expect(pbx.stop()).resolves.toBeUndefined();
  });
});

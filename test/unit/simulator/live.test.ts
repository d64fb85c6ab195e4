import { afterEach, describe, expect, it, vi } from "vitest";
import { ContactCentreSim } from "@/ingest/simulator/engine";
import { startLiveSimulator } from "@/ingest/simulator/live";
import { SimulatedPbx, type SimulatedPbxOptions } from "@/ingest/simulator/pbx";
import { simulatorDirectory } from "@/ingest/simulator/directory";
import { resumeFrom, runSeed } from "@/ingest/simulator/resume";
import type { PlatformAdapter } from "@/ingest/platform";
import type { CtiEvent } from "@/lib/events";
import { defaultConfig, MONDAY, simulate } from "./fixtures";
import { recordingContext } from "../helpers/platform-context";

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
  const HOUR = 3_600_000;
  const pbxAt = (clock: () => number, o: Partial<SimulatedPbxOptions> = {}) =>
    new SimulatedPbx({ config: defaultConfig(), seed: 12, backfillMs: 6 * HOUR, now: clock, tickMs: 20, chunkMs: 30 * 60_000, ...o });

  it("is a PlatformAdapter that lists its directory, backfills to now in chunks, then runs live", async () => {
    // Only the live ticker's interval is faked: start() yields to setImmediate between catch-up chunks.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    let clock = T0 + 6 * HOUR;
    const { ctx, got } = recordingContext();
    const pbx: PlatformAdapter = pbxAt(() => clock);
    expect(pbx.name).toContain("sim://pbx1");
    expect(pbx.timeZone).toBe(defaultConfig().timeZone);
    expect(pbx.capabilities).toEqual({
      monitorModes: ["listen", "whisper", "barge"],
      monitorMedia: "browser",
      monitorNotices: true,
      setAgentState: true,
      originateCallback: true,
      callbackFirst: ["agent", "supervisor"],
      fetchRecording: false,
    });
    await pbx.start(ctx);

    expect(got.directories).toEqual([simulatorDirectory(defaultConfig())]);
    expect(got.history.length).toBe(12); // six hours in half-hour chunks, one delivery each (batch size 1)
    expect(got.backfill.started).toEqual([[T0, T0 + 6 * HOUR]]);
    expect(got.backfill.advanced.length).toBe(12);
    const backfilled = got.history.flat().length;
    expect(got.backfill.finished).toEqual([backfilled]);
    expect(got.live).toEqual([]);

    clock += 10 * 60_000;
    await vi.advanceTimersByTimeAsync(100);
    await pbx.stop();
    expect(got.live.flat().length).toBeGreaterThan(0);
    // One engine throughout, its seed mixed with where it started.
    expect([...got.history.flat(), ...got.live.flat()]).toEqual(simulate(defaultConfig(), runSeed(12, T0), T0, T0 + 6 * HOUR + 10 * 60_000));
    await expect(pbx.stop()).resolves.toBeUndefined();
  });

  it("gathers whole batches for the store while catching up", async () => {
    const { ctx, got } = recordingContext();
    const pbx = pbxAt(() => T0 + 6 * HOUR, { batchSize: 2_000 });
    await pbx.start(ctx);
    await pbx.stop();
    const sizes = got.history.map((b) => b.length);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.slice(0, -1).every((n) => n >= 2_000)).toBe(true);
    expect(got.history.flat()).toEqual(simulate(defaultConfig(), runSeed(12, T0), T0, T0 + 6 * HOUR));
    expect(got.backfill.advanced.map(([, , events]) => events)).toEqual(sizes.map((_, i) => sizes.slice(0, i + 1).reduce((a, b) => a + b, 0)));
  });

  it("resumes just after the last stored event, not before and not from the backfill window", async () => {
    const stored = T0 + 2 * HOUR + 1234;
    const { ctx, got } = recordingContext(stored);
    const pbx = pbxAt(() => T0 + 6 * HOUR);
    await pbx.start(ctx);
    await pbx.stop();
    const events = got.history.flat();
    expect(got.backfill.started).toEqual([[stored + 1, T0 + 6 * HOUR]]);
    expect(events[0]?.time).toBeGreaterThan(stored);
    expect(events).toEqual(simulate(defaultConfig(), runSeed(12, stored + 1), stored + 1, T0 + 6 * HOUR));
  });

  it("stops during the backfill without going live", async () => {
    // Ticks are faked, so "nothing went live" is checked by advancing them, not by waiting.
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const { ctx, got } = recordingContext();
    const pbx = pbxAt(() => T0 + 6 * HOUR);
    const started = pbx.start({
      ...ctx,
      events: {
        ...ctx.events,
        history: async (events) => {
          await ctx.events.history(events);
          if (got.history.length === 3) void pbx.stop();
        },
      },
    });
    await started;
    await pbx.stop();
    expect(got.history.length).toBe(3);
    expect(got.backfill.finished).toEqual([]);
    await vi.advanceTimersByTimeAsync(60);
    expect(got.live).toEqual([]);
  });

  it("reports a failing store to whoever started it", async () => {
    const { ctx } = recordingContext();
    const pbx = pbxAt(() => T0 + 6 * HOUR);
    const failing = { ...ctx, storedUntil: () => Promise.reject(new Error("store down")) };
    await expect(pbx.start(failing)).rejects.toThrow("store down");
    await expect(pbx.stop()).resolves.toBeUndefined();
  });
});

describe("where a simulator run starts", () => {
  it("resumes after the stored history, at most the backfill window back", () => {
    expect(resumeFrom(0, 10_000, 3_000)).toBe(7_000);
    expect(resumeFrom(8_000, 10_000, 3_000)).toBe(8_001);
    expect(resumeFrom(1_000, 10_000, 3_000)).toBe(7_000);
  });

  it("never starts after now, whatever the store's end says", () => {
    // An event dated 2100-01-01 (4,102,444,800,000 ms) stored before the clock rule: the run starts now, at 10,000.
    expect(resumeFrom(Date.UTC(2100, 0, 1), 10_000, 3_000)).toBe(10_000);
    expect(resumeFrom(10_000, 10_000, 3_000)).toBe(10_000);
  });

  it("mixes the start time into the seed, deterministically", () => {
    expect(runSeed(42, T0)).toBe(runSeed(42, T0));
    expect(runSeed(42, T0)).not.toBe(runSeed(42, T0 + 1));
    expect(runSeed(42, T0)).not.toBe(runSeed(43, T0));
  });
});

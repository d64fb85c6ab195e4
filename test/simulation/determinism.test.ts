import { describe, expect, it } from "vitest";
import { ContactCentreSim } from "@/ingest/simulator/engine";
import { advanceInChunks, simulateRange } from "@/ingest/simulator/simulate-range";
import type { CtiEvent } from "@/lib/events";
import { DAY_MS, defaultConfig, MONDAY, simulate } from "../unit/simulator/fixtures";

describe("determinism", () => {
  const from = MONDAY + 8 * 3_600_000;
  const to = MONDAY + 13 * 3_600_000;

  it("the same seed gives identical events, ids included", () => {
    const a = simulate(defaultConfig(), 99, from, to);
    const b = simulate(defaultConfig(), 99, from, to);
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toEqual(a);
  });

  it("a different seed gives different events", () => {
    const a = simulate(defaultConfig(), 99, from, to);
    const b = simulate(defaultConfig(), 100, from, to);
    expect(b.map((e) => e.id)).not.toEqual(a.map((e) => e.id));
    expect(b.map((e) => `${e.type}@${e.time}`)).not.toEqual(a.map((e) => `${e.type}@${e.time}`));
  });

  it("how time is sliced (one step, live-sized ticks, simulateRange chunks) does not change the events", () => {
    const whole = simulate(defaultConfig(), 5, from, to);

    const sim = new ContactCentreSim(defaultConfig(), { seed: 5, startTime: from });
    const ticked: CtiEvent[] = [];
    for (let t = from + 200; t <= to; t += 200 + ((t / 7) % 900)) ticked.push(...sim.advanceTo(Math.round(t)));
    ticked.push(...sim.advanceTo(to));
    expect(ticked).toEqual(whole);

    const chunks = [...simulateRange(defaultConfig(), 5, from, to, 17 * 60_000)];
    expect(chunks.length).toBe(Math.ceil((to - from) / (17 * 60_000)));
    expect(chunks.flat()).toEqual(whole);
  });

  it("simulateRange hands back the engine so history continues without a seam", () => {
    const gen = simulateRange(defaultConfig(), 8, MONDAY, MONDAY + 10 * 3_600_000);
    const history: CtiEvent[] = [];
    let step = gen.next();
    while (!step.done) {
      history.push(...step.value);
      step = gen.next();
    }
    const sim = step.value;
    expect(sim.now).toBe(MONDAY + 10 * 3_600_000);
    const more = [...advanceInChunks(sim, MONDAY + DAY_MS)].flat();
    expect([...history, ...more]).toEqual(simulate(defaultConfig(), 8, MONDAY, MONDAY + DAY_MS));
  });

  it("advanceTo is exclusive of t and never goes back", () => {
    const sim = new ContactCentreSim(defaultConfig(), { seed: 1, startTime: from });
    const batch = sim.advanceTo(from + 3_600_000);
    expect(batch.every((e) => e.time < from + 3_600_000)).toBe(true);
    expect(sim.now).toBe(from + 3_600_000);
    expect(sim.advanceTo(from)).toEqual([]);
    expect(sim.now).toBe(from + 3_600_000);
  });
});

import { describe, expect, it } from "vitest";
import { compileDistribution } from "@/ingest/simulator/distributions";
import { LocalClock } from "@/ingest/simulator/local-time";
import { lognormalParams, nextThinnedTime, Rng } from "@/ingest/simulator/random";

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
};
const draws = (n: number, f: () => number) => Array.from({ length: n }, f);

describe("random", () => {
  it("is reproducible per seed and differs between seeds", () => {
    const a = draws(5, () => new Rng(1).nextUint32());
    expect(new Set(a).size).toBe(1);
    const r1 = new Rng(1);
    const r2 = new Rng(1);
    const r3 = new Rng(2);
    const s1 = draws(100, () => r1.next());
    expect(draws(100, () => r2.next())).toEqual(s1);
    expect(draws(100, () => r3.next())).not.toEqual(s1);
    expect(s1.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("makes RFC 4122 v4 UUIDs, reproducibly and without collisions", () => {
    const r = new Rng(42);
    const ids = Array.from({ length: 50_000 }, () => r.uuid());
    for (const id of ids.slice(0, 1000)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Rng(42).uuid()).toBe(ids[0]);
  });

  it("samples distributions with the configured mean and sd (seconds in, ms out)", () => {
    const r = new Rng(7);
    const exp = draws(100_000, () => compileDistribution({ kind: "exponential", mean: 120 })(r));
    expect(mean(exp) / 120_000).toBeCloseTo(1, 1);
    expect(sd(exp) / 120_000).toBeCloseTo(1, 1);
    const logn = draws(100_000, () => compileDistribution({ kind: "lognormal", mean: 300, sd: 180 })(r));
    expect(Math.abs(mean(logn) / 300_000 - 1)).toBeLessThan(0.02);
    expect(Math.abs(sd(logn) / 180_000 - 1)).toBeLessThan(0.05);
    expect(logn.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
    expect(compileDistribution({ kind: "fixed", value: 2.5 })(r)).toBe(2500);
    const mix = compileDistribution({
      kind: "mixture",
      components: [
        { weight: 1, dist: { kind: "uniform", min: 0, max: 5 } },
        { weight: 9, dist: { kind: "fixed", value: 100 } },
      ],
    });
    const m = draws(50_000, () => mix(r));
    expect(m.filter((x) => x <= 5000).length / m.length).toBeCloseTo(0.1, 2);
  });

  it("converts lognormal mean/sd to mu/sigma exactly", () => {
    const { mu, sigma } = lognormalParams(300, 180);
    expect(Math.exp(mu + sigma ** 2 / 2)).toBeCloseTo(300, 9);
    expect(Math.sqrt((Math.exp(sigma ** 2) - 1) * Math.exp(2 * mu + sigma ** 2))).toBeCloseTo(180, 9);
  });

  it("thins a Poisson process to a time-varying rate", () => {
    const r = new Rng(3);
    // Rate 10/unit in the first half of each 2-unit period, 0 in the second half.
    const rate = (t: number) => (t % 2 < 1 ? 10 : 0);
    let t = 0;
    let inFirst = 0;
    let n = 0;
    while (true) {
      t = nextThinnedTime(r, t, 10, rate);
      if (t >= 2000) break;
      n++;
      if (t % 2 < 1) inFirst++;
    }
    expect(inFirst).toBe(n);
    expect(Math.abs(n / 10_000 - 1)).toBeLessThan(0.03);
    expect(nextThinnedTime(r, 0, 0, rate)).toBe(Number.POSITIVE_INFINITY);
    expect(nextThinnedTime(r, 0, 1, () => 0, 1000)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("local clock", () => {
  it("follows London's DST changes", () => {
    const london = new LocalClock("Europe/London");
    expect(london.hour(Date.UTC(2026, 0, 5, 9, 30))).toBe(9);
    expect(london.hour(Date.UTC(2026, 5, 1, 9, 30))).toBe(10);
    const summerDay = london.dayIndex(Date.UTC(2026, 5, 1, 12));
    expect(london.toEpoch(summerDay, 8.5)).toBe(Date.UTC(2026, 5, 1, 7, 30));
    // The night the clocks go forward: local midnight is still 00:00 UTC, 09:00 local is 08:00 UTC.
    const dstDay = london.dayIndex(Date.UTC(2026, 2, 29, 12));
    expect(london.toEpoch(dstDay, 0)).toBe(Date.UTC(2026, 2, 29, 0));
    expect(london.toEpoch(dstDay, 9)).toBe(Date.UTC(2026, 2, 29, 8));
    expect(london.isWeekend(Date.UTC(2026, 2, 29, 12))).toBe(true);
    expect(london.isWeekend(Date.UTC(2026, 2, 30, 12))).toBe(false);
  });

  it("handles zones east of UTC and half-hour offsets", () => {
    const kolkata = new LocalClock("Asia/Kolkata");
    expect(kolkata.hour(Date.UTC(2026, 0, 5, 3, 45))).toBe(9); // 09:15 IST
    expect(kolkata.toEpoch(kolkata.dayIndex(Date.UTC(2026, 0, 5, 6)), 9)).toBe(Date.UTC(2026, 0, 5, 3, 30));
  });
});

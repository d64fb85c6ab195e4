import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSimulatorConfig, parseSimulatorConfig, SimulatorConfigError } from "@/ingest/simulator/config";
import { distributionMean } from "@/ingest/simulator/distributions";
import { buildRoster } from "@/ingest/simulator/roster";
import { defaultConfig } from "./fixtures";

const invalid = (change: (c: Record<string, unknown>) => void): string => {
  const c = structuredClone(defaultConfig()) as unknown as Record<string, unknown>;
  change(c);
  try {
    parseSimulatorConfig(c);
  } catch (e) {
    expect(e).toBeInstanceOf(SimulatorConfigError);
    return (e as Error).message;
  }
  throw new Error("config was accepted");
};

type Loose = Record<string, Record<string, unknown>[]>;

describe("simulator config", () => {
  it("loads the shipped default: a realistic mid-size centre", () => {
    const c = loadSimulatorConfig();
    expect(c.tenantId).toBe("demo");
    expect(c.source).toBe("sim://pbx1");
    expect(c.queues.map((q) => q.name)).toEqual(["Support", "Sales", "Billing", "Retention", "VIP"]);
    const roster = buildRoster(c);
    expect(roster.length).toBeGreaterThanOrEqual(40);
    expect(roster.length).toBeLessThanOrEqual(60);
    expect(new Set(roster.map((a) => a.teamId)).size).toBe(5);
    expect(new Set(roster.map((a) => a.name)).size).toBe(roster.length);
    // Expected weekday volume from the profile: 2,000-4,000 calls.
    const weekdayCalls = c.queues.reduce((s, q) => s + q.peakCallsPerHour, 0) * c.arrivalProfile.weekday.reduce((s, w) => s + w, 0);
    expect(weekdayCalls).toBeGreaterThan(2000);
    expect(weekdayCalls).toBeLessThan(4000);
    expect(distributionMean(c.distributions.talk)).toBeGreaterThan(180);
  });

  it("names the bad field in the error", () => {
    expect(invalid((c) => ((c as Loose).queues![0]!.peakCallsPerHour = -1))).toMatch(/queues\.0\.peakCallsPerHour/);
    expect(invalid((c) => ((c.distributions as Record<string, unknown>).talk = { kind: "lognormal", mean: 200 }))).toMatch(/distributions\.talk/);
    expect(invalid((c) => ((c.behaviours as Record<string, unknown>).acw = "yes"))).toMatch(/behaviours\.acw/);
    expect(invalid((c) => (c.timeZone = "Mars/Olympus"))).toMatch(/timeZone.*IANA/);
    expect(invalid((c) => ((c.arrivalProfile as Record<string, number[]>).weekday = [1, 2]))).toMatch(/arrivalProfile\.weekday/);
    expect(invalid((c) => (c.surprise = 1))).toMatch(/surprise/);
  });

  it("checks references between sections", () => {
    expect(invalid((c) => ((c as Loose).queues![0]!.transferTargets = ["nowhere"]))).toMatch(/queues\.0\.transferTargets\.0.*nowhere/);
    expect(invalid((c) => ((c as Loose).teams![0]!.skills = ["juggling"]))).toMatch(/teams\.0\.skills\.0/);
    expect(invalid((c) => ((c as Loose).queues![4]!.skill = "orphan"))).toMatch(/queues\.4\.skill.*no team/);
    expect(invalid((c) => ((c.breaks as Record<string, Record<string, unknown>[]>).scheduled![0]!.reasonCode = "nap"))).toMatch(
      /breaks\.scheduled\.0\.reasonCode.*notReadyReasons/,
    );
    expect(invalid((c) => (((c as Loose).teams![0]!.shifts as Record<string, number>[])[0]!.weekendCount = 99))).toMatch(/teams\.0\.shifts\.0\.weekendCount/);
  });

  it("reports unreadable or malformed files with their path", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "simcfg-"));
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, "{ not json");
    expect(() => loadSimulatorConfig(file)).toThrow(/bad\.json is not valid JSON/);
    expect(() => loadSimulatorConfig(path.join(dir, "missing.json"))).toThrow(/Cannot read simulator config .*missing\.json/);
  });
});

import { describe, expect, it } from "vitest";
import type { SimulatorConfig } from "@/ingest/simulator/config";
import { ContactCentreSim } from "@/ingest/simulator/engine";
import { DAY_MS, MONDAY, variant } from "../unit/simulator/fixtures";

/** Erlang C: probability an arrival waits, for c servers and offered load a = λ/μ (Erlang B by recursion, then C). */
function erlangC(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b / (1 - (a / c) * (1 - b));
}

/** M/M/c: Poisson arrivals at a flat rate, exponential service, c agents on 24-hour rotas, every behaviour off. */
function textbook(agents: number, callsPerHour: number, meanServiceS: number): SimulatorConfig {
  return variant((c) => {
    c.timeZone = "UTC";
    c.queues = [
      {
        id: "q",
        name: "Q",
        skill: "s",
        ddi: "+443069990999",
        peakCallsPerHour: callsPerHour,
        priority: 0,
        slThresholdSeconds: 20,
        shortAbandonSeconds: 5,
        maxWaitSeconds: 3600,
        transferTargets: [],
        talk: { kind: "exponential", mean: meanServiceS },
      },
    ];
    c.arrivalProfile = { weekday: Array<number>(24).fill(1), weekend: Array<number>(24).fill(1) };
    c.teams = [{ id: "t", name: "T", skills: ["s"], shifts: [{ start: 0, end: 24, count: agents, weekendCount: agents }] }];
    c.logonJitterSeconds = 0;
    c.distributions.ivr = { kind: "fixed", value: 0 };
    c.distributions.ring = { kind: "fixed", value: 0 };
    for (const k of Object.keys(c.behaviours) as (keyof SimulatorConfig["behaviours"])[]) c.behaviours[k] = false;
  });
}

function measure(config: SimulatorConfig, days: number, seed: number) {
  const sim = new ContactCentreSim(config, { seed, startTime: MONDAY });
  let offered = 0,
    answered = 0,
    waited = 0,
    within20 = 0,
    waitSum = 0,
    talkSum = 0,
    cleared = 0,
    logons = 0;
  for (let d = 1; d <= days; d++) {
    for (const e of sim.advanceTo(MONDAY + d * DAY_MS)) {
      if (e.type === "call.offered") offered++;
      else if (e.type === "agent.logged_on") logons++;
      else if (e.type === "call.established") {
        answered++;
        waitSum += e.data.waitMs;
        if (e.data.waitMs > 0) waited++;
        if (e.data.waitMs <= 20_000) within20++;
      } else if (e.type === "call.connection_cleared") {
        cleared++;
        talkSum += e.data.talkMs;
      }
    }
  }
  return { offered, answered, pWait: waited / answered, sl20: within20 / answered, meanWaitS: waitSum / answered / 1000, meanTalkS: talkSum / cleared / 1000, logons };
}

describe("textbook M/M/c (Erlang C)", () => {
  it.each([
    { agents: 4, callsPerHour: 60, meanServiceS: 180, days: 40 },
    { agents: 12, callsPerHour: 200, meanServiceS: 180, days: 15 },
  ])("$agents agents, $callsPerHour calls/h, mean service $meanServiceS s", ({ agents, callsPerHour, meanServiceS, days }) => {
    const m = measure(textbook(agents, callsPerHour, meanServiceS), days, 2024);
    const a = (callsPerHour * meanServiceS) / 3600;
    const lambda = callsPerHour / 3600; // per second
    const mu = 1 / meanServiceS;
    const pWait = erlangC(agents, a);
    const meanWait = pWait / (agents * mu - lambda);
    const sl20 = 1 - pWait * Math.exp(-(agents * mu - lambda) * 20);

    expect(m.logons).toBe(agents); // 24-hour rotas chain: nobody logs off at midnight
    expect(m.offered / (days * 24)).toBeGreaterThan(callsPerHour * 0.97);
    expect(m.offered / (days * 24)).toBeLessThan(callsPerHour * 1.03);
    expect(m.meanTalkS).toBeGreaterThan(meanServiceS * 0.97);
    expect(m.meanTalkS).toBeLessThan(meanServiceS * 1.03);
    expect(Math.abs(m.pWait - pWait)).toBeLessThan(0.03);
    expect(Math.abs(m.sl20 - sl20)).toBeLessThan(0.03);
    expect(Math.abs(m.meanWaitS - meanWait) / meanWait).toBeLessThan(0.15);
  });
});

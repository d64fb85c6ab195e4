import { describe, expect, it } from "vitest";
import type { Behaviours, SimulatorConfig } from "@/ingest/simulator/config";
import type { CtiEvent } from "@/lib/events";
import { checkInvariants } from "./invariants";
import { DAY_MS, MONDAY, simulate, variant } from "../unit/simulator/fixtures";

/** Default centre, made busier so rare events (timeouts, abandons during a ring) surely occur when enabled. */
const busy = (change: (c: SimulatorConfig) => void = () => {}) =>
  variant((c) => {
    for (const q of c.queues) q.maxWaitSeconds = Math.min(q.maxWaitSeconds, 90);
    for (const q of c.queues) q.peakCallsPerHour *= 1.15;
    c.probabilities.ringNoAnswer = 0.05;
    change(c);
  });

const SCHEDULED_REASONS = new Set(["break", "lunch", "training", "meeting", "coaching"]);

const markers: Record<keyof Behaviours, (e: CtiEvent) => boolean> = {
  breaks: (e) => e.type === "agent.not_ready" && SCHEDULED_REASONS.has(e.data.reasonCode),
  acw: (e) => e.type === "agent.working_after_call",
  transfers: (e) => e.type === "call.transferred" || (e.legId !== undefined && !e.legId.endsWith(".1")),
  holds: (e) => e.type === "call.held" || e.type === "call.retrieved",
  // A caller giving up while an agent's phone rings ends that ring too (call.diverted, reason abandoned).
  abandons: (e) => (e.type === "call.queue_exited" && e.data.reason === "abandon") || (e.type === "call.diverted" && e.data.reason === "abandoned"),
  ringNoAnswer: (e) => (e.type === "call.diverted" && e.data.reason === "ring_no_answer") || (e.type === "agent.not_ready" && e.data.reasonCode === "ring_no_answer"),
  timeouts: (e) => e.type === "call.queue_exited" && e.data.reason === "timeout",
  recordings: (e) => e.type.startsWith("recording.") || e.type === "transcript.segment",
};

const names = Object.keys(markers) as (keyof Behaviours)[];

describe("behaviour switches", () => {
  const all = simulate(busy(), 21, MONDAY, MONDAY + DAY_MS);

  it.each(names)("%s: present when on", (name) => {
    expect(all.filter(markers[name]).length).toBeGreaterThan(0);
  });

  it.each(names)("%s: off removes those events entirely and keeps the stream consistent", (name) => {
    const events = simulate(
      busy((c) => {
        c.behaviours[name] = false;
      }),
      21,
      MONDAY,
      MONDAY + DAY_MS,
    );
    expect(events.filter(markers[name])).toEqual([]);
    expect(checkInvariants(events, { complete: true })).toEqual([]);
  });

  it("without ACW an agent's next state after a call closes the busy interval", () => {
    const events = simulate(
      busy((c) => {
        c.behaviours.acw = false;
      }),
      3,
      MONDAY,
      MONDAY + DAY_MS,
    );
    const afterBusy = events.filter(
      (e) => (e.type === "agent.ready" || e.type === "agent.not_ready" || e.type === "agent.logged_off") && e.data.previous?.state === "busy",
    );
    expect(afterBusy.length).toBeGreaterThan(1000);
  });

  it("all off: only the textbook call and agent events remain", () => {
    const events = simulate(
      busy((c) => {
        for (const n of names) c.behaviours[n] = false;
      }),
      4,
      MONDAY,
      MONDAY + DAY_MS,
    );
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(
      [
        "agent.busy",
        "agent.logged_off",
        "agent.logged_on",
        "agent.ready",
        "call.cleared",
        "call.connection_cleared",
        "call.delivered",
        "call.established",
        "call.offered",
        "call.queue_exited",
        "call.queued",
      ].sort(),
    );
    expect(checkInvariants(events, { complete: true })).toEqual([]);
  });
});

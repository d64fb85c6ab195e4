import { describe, expect, it } from "vitest";
import { floorAlerts, newAlertKeys } from "@/lib/live/alerts";
import type { AlertSettings } from "@/lib/live/alert-settings";
import type { AgentRow, QueueCard } from "@/lib/live/view-types";

/**
 * Alert rules at their limits, with the time given (no clock runs): each limit is
 * reached AT its value, so one second before it there is no alert and at it there is.
 */

const T = Date.UTC(2026, 0, 5, 10);
const S = 1000;
const settings: AlertSettings = { notReadyMaxS: 600, afterCallWorkMaxS: 120, waitingMaxS: 90, targetBreach: true };

const agent = (id: string, name: string, state: AgentRow["state"], since: number): AgentRow => ({
  id,
  name,
  teamId: null,
  state,
  reasonCode: state === "not_ready" ? "lunch" : null,
  since,
  call: null,
  queues: ["q1"],
});

const queue = (over: Partial<QueueCard>): QueueCard => ({
  id: "q1",
  name: "Support",
  waiting: 0,
  oldestQueuedAt: null,
  agents: { ready: 0, busy: 0, afterCallWork: 0, notReady: 0, notReadyByReason: {} },
  offered: 0,
  answered: 0,
  abandoned: 0,
  shortAbandoned: 0,
  timedOut: 0,
  serviceLevel: { value: null, numerator: 0, denominator: 0, thresholdS: 20, variant: "answered_within_over_answered" },
  recentServiceLevel: [],
  targetPct: 80,
  thresholds: { longestWaitS: { warning: 30, critical: 90 }, waiting: { warning: 3, critical: 8 } },
  ...over,
});

const view = (agents: AgentRow[], queues: QueueCard[] = []) => ({
  agents: Object.fromEntries(agents.map((a) => [a.id, a])),
  queues: Object.fromEntries(queues.map((q) => [q.id, q])),
});

describe("wallboard alerts", () => {
  it("alert an agent in not-ready from the limit on, not a second before", () => {
    const v = view([agent("a1", "Ann Lee", "not_ready", T - 600 * S)]);
    expect(floorAlerts(v, settings, T - S)).toEqual([]);
    expect(floorAlerts(v, settings, T)).toEqual([
      { key: `not_ready:a1:${T - 600 * S}`, kind: "not_ready", severity: "critical", subject: "Ann Lee", message: "Not ready for 10:00 (limit 10:00)", forMs: 600 * S },
    ]);
    expect(floorAlerts(v, settings, T + S)[0]?.message).toBe("Not ready for 10:01 (limit 10:00)");
  });

  it("alert after-call work at its own limit", () => {
    const v = view([agent("a2", "Bo Chan", "after_call_work", T - 120 * S)]);
    expect(floorAlerts(v, settings, T - S)).toEqual([]);
    expect(floorAlerts(v, settings, T).map((a) => [a.kind, a.subject, a.message])).toEqual([["after_call_work", "Bo Chan", "In after-call work for 2:00 (limit 2:00)"]]);
  });

  it("alert a caller waiting past the limit, by the queue's name", () => {
    const v = view([], [queue({ waiting: 2, oldestQueuedAt: T - 90 * S })]);
    expect(floorAlerts(v, settings, T - S)).toEqual([]);
    expect(floorAlerts(v, settings, T).map((a) => [a.kind, a.subject, a.message])).toEqual([["long_wait", "Support", "A caller has waited 1:30 (limit 1:30)"]]);
  });

  it("never alert ready or busy agents, and never for a limit of 0 (off)", () => {
    const v = view([agent("a3", "Cy", "ready", T - 10_000 * S), agent("a4", "Di", "busy", T - 10_000 * S), agent("a5", "Ed", "not_ready", T - 10_000 * S)]);
    expect(floorAlerts(v, { ...settings, notReadyMaxS: 0 }, T)).toEqual([]);
  });

  it("alert a queue below its target: amber just below (a warning), red further below", () => {
    // Target 80, amber band 5 points: 80% meets it, 79% is amber, 74% is red.
    const at = (value: number) => floorAlerts(view([], [queue({ serviceLevel: { ...queue({}).serviceLevel, value } })]), settings, T);
    expect(at(0.8)).toEqual([]);
    expect(at(0.79).map((a) => [a.kind, a.severity, a.message])).toEqual([["target_breach", "warning", "Service level today 79% is below its 80% target"]]);
    expect(at(0.74).map((a) => a.severity)).toEqual(["critical"]);
    expect(floorAlerts(view([], [queue({ serviceLevel: { ...queue({}).serviceLevel, value: 0.5 } })]), { ...settings, targetBreach: false }, T)).toEqual([]);
    // Nothing to judge yet: no alert.
    expect(floorAlerts(view([], [queue({})]), settings, T)).toEqual([]);
  });

  it("list callers first, then targets, then people, the longest first", () => {
    const v = view(
      [agent("a1", "Ann", "not_ready", T - 700 * S), agent("a2", "Bo", "not_ready", T - 900 * S), agent("a3", "Cy", "after_call_work", T - 200 * S)],
      [queue({ oldestQueuedAt: T - 100 * S, serviceLevel: { ...queue({}).serviceLevel, value: 0.5 } })],
    );
    expect(floorAlerts(v, settings, T).map((a) => `${a.kind}:${a.subject}`)).toEqual([
      "long_wait:Support",
      "target_breach:Support",
      "not_ready:Bo",
      "not_ready:Ann",
      "after_call_work:Cy",
    ]);
  });

  it("name a new alert by its key, so the sound plays for new ones only", () => {
    const v = view([agent("a1", "Ann", "not_ready", T - 600 * S), agent("a2", "Bo", "after_call_work", T - 119 * S)]);
    const first = floorAlerts(v, settings, T);
    const second = floorAlerts(v, settings, T + S);
    expect(newAlertKeys(new Set(first.map((a) => a.key)), second)).toEqual([`after_call_work:a2:${T - 119 * S}`]);
  });
});

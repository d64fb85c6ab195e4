import { ragStatus, type RagStatus } from "@/lib/targets/rag";
import { formatDuration } from "@/lib/time/format-duration";
import type { AlertSettings } from "./alert-settings";
import type { WallboardView } from "./view-types";

/**
 * The wallboard's alerts: a pure function of the floor (the view a wallboard holds),
 * the admins' limits and the time now. Computed in the browser on every tick of the
 * board's clock, so an alert appears the second a limit is reached without any
 * message from the server. A limit is reached AT its value: an agent 120 s in
 * after-call work against a 120 s limit is alerted.
 *
 * Alerts name people and queues (never call ids) and say what is wrong in words.
 */

export type AlertKind = "not_ready" | "after_call_work" | "long_wait" | "target_breach";

export type FloorAlert = {
  /** Stable while the condition lasts: a new key is a new alert (the sound plays for those). */
  key: string;
  kind: AlertKind;
  /** "critical" for red against target and for every time limit; "warning" for amber. */
  severity: "warning" | "critical";
  /** Who or what: the agent's or the queue's name. */
  subject: string;
  /** What is wrong, e.g. "Not ready for 16:05 (limit 15:00)". */
  message: string;
  /** How long the condition has lasted (ms), for ordering; null for a target breach. */
  forMs: number | null;
};

const KIND_ORDER: Record<AlertKind, number> = { long_wait: 0, target_breach: 1, not_ready: 2, after_call_work: 3 };

const reached = (forMs: number, limitS: number): boolean => limitS > 0 && forMs >= limitS * 1000;

export function floorAlerts(view: Pick<WallboardView, "queues" | "agents">, settings: AlertSettings, now: number): FloorAlert[] {
  const out: FloorAlert[] = [];
  for (const a of Object.values(view.agents)) {
    const forMs = now - a.since;
    if (a.state === "not_ready" && reached(forMs, settings.notReadyMaxS)) {
      out.push({
        key: `not_ready:${a.id}:${a.since}`,
        kind: "not_ready",
        severity: "critical",
        subject: a.name,
        message: `Not ready for ${formatDuration(forMs)} (limit ${formatDuration(settings.notReadyMaxS * 1000)})`,
        forMs,
      });
    } else if (a.state === "after_call_work" && reached(forMs, settings.afterCallWorkMaxS)) {
      out.push({
        key: `after_call_work:${a.id}:${a.since}`,
        kind: "after_call_work",
        severity: "critical",
        subject: a.name,
        message: `In after-call work for ${formatDuration(forMs)} (limit ${formatDuration(settings.afterCallWorkMaxS * 1000)})`,
        forMs,
      });
    }
  }
  for (const q of Object.values(view.queues)) {
    if (q.oldestQueuedAt !== null) {
      const forMs = now - q.oldestQueuedAt;
      if (reached(forMs, settings.waitingMaxS)) {
        out.push({
          key: `long_wait:${q.id}:${q.oldestQueuedAt}`,
          kind: "long_wait",
          severity: "critical",
          subject: q.name,
          message: `A caller has waited ${formatDuration(forMs)} (limit ${formatDuration(settings.waitingMaxS * 1000)})`,
          forMs,
        });
      }
    }
    if (settings.targetBreach) {
      const sl = q.serviceLevel.value;
      const status: RagStatus = ragStatus(sl === null ? null : sl * 100, q.targetPct);
      if (status === "amber" || status === "red") {
        out.push({
          key: `target_breach:${q.id}:${status}`,
          kind: "target_breach",
          severity: status === "red" ? "critical" : "warning",
          subject: q.name,
          message: `Service level today ${Math.round((sl ?? 0) * 1000) / 10}% is below its ${q.targetPct}% target`,
          forMs: null,
        });
      }
    }
  }
  // Callers first, then the day's targets, then people; the longest first within a kind.
  return out.sort((x, y) => KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || (y.forMs ?? 0) - (x.forMs ?? 0) || x.subject.localeCompare(y.subject));
}

/** Keys of alerts in `next` that were not in `previous`: what the optional sound announces. */
export function newAlertKeys(previous: ReadonlySet<string>, next: readonly FloorAlert[]): string[] {
  return next.filter((a) => !previous.has(a.key)).map((a) => a.key);
}

import type { CtiEvent } from "../lib/events";
import { ContactCentreSim, loadSimulatorConfig } from "../ingest/simulator";

/** A busy morning of simulated events, re-stamped with wall-clock times as a bench offers them (bench:live, bench:load). */

/** A simulated morning's events in order, ready to be re-stamped with wall-clock times as they are offered. */
export function busyMorning(count: number): CtiEvent[] {
  const start = Date.UTC(2026, 0, 5, 7);
  const sim = new ContactCentreSim({ ...loadSimulatorConfig(), tenantId: "bench" }, { seed: 3, startTime: start });
  const out: CtiEvent[] = [];
  while (out.length < count) for (const e of sim.advanceTo(sim.now + 600_000)) out.push(e);
  return out.slice(0, count);
}

/** What re-stamping remembers across events: agents' last state times, legs' queue entries. */
export type Restamped = { agentSince: Map<string, number>; legQueuedAt: Map<string, number> };

/**
 * The event as if it happened at `t`: an agent state event's `previous.since` must
 * name the (re-stamped) time of that agent's previous state event, or the floor
 * would rightly take it for a late one. A segment's queue entry (connection_cleared
 * and previous `queuedAt`) must stay its re-stamped queue_exited time minus waitMs,
 * which the store keys the segment's rows on.
 */
export function restamp(e: CtiEvent, t: number, seen: Restamped): CtiEvent {
  if (e.type === "call.queue_exited" && e.legId !== undefined) seen.legQueuedAt.set(e.legId, t - e.data.waitMs);
  if (e.type === "call.connection_cleared") {
    const queuedAt = (e.legId === undefined ? undefined : seen.legQueuedAt.get(e.legId)) ?? e.data.queuedAt;
    return { ...e, time: t, data: { ...e.data, queuedAt } };
  }
  if (!e.type.startsWith("agent.") || !e.agentId) return { ...e, time: t };
  const since = seen.agentSince.get(e.agentId) ?? t;
  seen.agentSince.set(e.agentId, t);
  if (e.type === "agent.logged_on" || !("previous" in e.data) || !e.data.previous) return { ...e, time: t };
  const prev = e.data.previous;
  const queuedAt = prev.legId === undefined ? prev.queuedAt : (seen.legQueuedAt.get(prev.legId) ?? prev.queuedAt);
  const previous = queuedAt === undefined ? { ...prev, since } : { ...prev, since, queuedAt };
  return { ...e, time: t, data: { ...e.data, previous } } as CtiEvent;
}

/** Offers the script at `rate` events per second, each re-stamped with the moment it is offered; resolves with them all once offered. */
export function offerAtRate(
  script: readonly CtiEvent[],
  rate: number,
  seen: Restamped,
  push: (batch: CtiEvent[]) => void,
): Promise<{ offered: CtiEvent[]; started: number }> {
  const offered: CtiEvent[] = [];
  const started = Date.now();
  return new Promise((done) => {
    const timer = setInterval(() => {
      const due = Math.min(script.length, Math.floor(((Date.now() - started) * rate) / 1000));
      if (offered.length >= due) return;
      const t = Date.now();
      const batch = script.slice(offered.length, due).map((e) => restamp(e, t, seen));
      for (const e of batch) offered.push(e);
      push(batch);
      if (offered.length >= script.length) {
        clearInterval(timer);
        done({ offered, started });
      }
    }, 5);
  });
}

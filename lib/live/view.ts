import { QUEUE_DEFAULTS } from "@/lib/kpi/definitions";
import { serviceLevelOf, shortAbandons, type QueueDefinition } from "./queue-service-level";
import { windowServiceLevels } from "./sl-windows";
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from "./alert-settings";
import type { FloorState, LiveAgent, LiveCall } from "./state";
import { EMPTY_QUEUE_TODAY } from "./state";
import { thresholdsFor, type ThresholdSettings } from "./thresholds";
import type { AgentCall, AgentCounts, AgentRow, CallRow, QueueCard, ViewMeta, WallboardView } from "./view-types";

export type { QueueDefinition };

export type Directory = {
  queues: ReadonlyMap<string, QueueDefinition>;
  agents: ReadonlyMap<string, { name: string; teamId: string | null }>;
};

export const EMPTY_DIRECTORY: Directory = { queues: new Map(), agents: new Map() };

function definitionOf(dir: Directory, id: string): QueueDefinition {
  const known = dir.queues.get(id);
  if (known) return known;
  return {
    id,
    name: id,
    slThresholdS: QUEUE_DEFAULTS.slThresholdS,
    slVariant: QUEUE_DEFAULTS.slVariant,
    shortAbandonS: QUEUE_DEFAULTS.shortAbandonS,
    slTargetPct: QUEUE_DEFAULTS.slTargetPct,
  };
}

const emptyCounts = (): AgentCounts => ({ ready: 0, busy: 0, afterCallWork: 0, notReady: 0, notReadyByReason: {} });

function countAgent(c: AgentCounts, a: LiveAgent): void {
  if (a.state === "ready") c.ready += 1;
  else if (a.state === "busy") c.busy += 1;
  else if (a.state === "after_call_work") c.afterCallWork += 1;
  else if (a.state === "not_ready") {
    c.notReady += 1;
    const reason = a.reasonCode ?? "unspecified";
    c.notReadyByReason[reason] = (c.notReadyByReason[reason] ?? 0) + 1;
  }
}

/** The call an agent is on: the one ringing, talking or held on them, else the one their busy/ACW state names. */
function agentCall(a: LiveAgent, onAgent: ReadonlyMap<string, LiveCall>, calls: FloorState["calls"]): AgentCall | null {
  const live = onAgent.get(a.id);
  if (live) return { id: live.id, state: live.state, queueId: live.queueId ?? null };
  if ((a.state === "busy" || a.state === "after_call_work") && a.callId) {
    return { id: a.callId, state: calls.get(a.callId)?.state ?? null, queueId: a.queueId ?? null };
  }
  return null;
}

function queueIdsIn(state: FloorState, dir: Directory): Set<string> {
  const ids = new Set(dir.queues.keys());
  for (const id of state.today.keys()) ids.add(id);
  for (const leg of state.waiting.values()) ids.add(leg.queueId);
  for (const a of state.agents.values()) if (a.state !== "logged_off") for (const q of a.queues) ids.add(q);
  return ids;
}

/** `meta.alertSettings`: the admins' alert limits, the defaults when not given. */
export function buildView(
  state: FloorState,
  dir: Directory,
  thresholds: ThresholdSettings,
  meta: Pick<ViewMeta, "version" | "serverTime" | "replay"> & { alertSettings?: AlertSettings },
): WallboardView {
  const onAgent = new Map<string, LiveCall>();
  for (const c of state.calls.values()) {
    if (c.agentId && (c.state === "ringing" || c.state === "talking" || c.state === "held")) onAgent.set(c.agentId, c);
  }

  const queues: Record<string, QueueCard> = {};
  const agentCounts = new Map<string, AgentCounts>();
  const oldest = new Map<string, { n: number; at: number }>();
  for (const leg of state.waiting.values()) {
    const o = oldest.get(leg.queueId);
    oldest.set(leg.queueId, o ? { n: o.n + 1, at: Math.min(o.at, leg.queuedAt) } : { n: 1, at: leg.queuedAt });
  }

  const agents: Record<string, AgentRow> = {};
  for (const a of state.agents.values()) {
    if (a.state === "logged_off") continue;
    for (const q of a.queues) {
      let c = agentCounts.get(q);
      if (!c) agentCounts.set(q, (c = emptyCounts()));
      countAgent(c, a);
    }
    const known = dir.agents.get(a.id);
    agents[a.id] = {
      id: a.id,
      name: known?.name ?? a.id,
      teamId: a.teamId ?? known?.teamId ?? null,
      state: a.state,
      reasonCode: a.reasonCode ?? null,
      since: a.since,
      call: agentCall(a, onAgent, state.calls),
      queues: [...a.queues],
    };
  }

  for (const id of queueIdsIn(state, dir)) {
    const def = definitionOf(dir, id);
    const today = state.today.get(id) ?? EMPTY_QUEUE_TODAY;
    const waiting = oldest.get(id);
    queues[id] = {
      id,
      name: def.name,
      waiting: waiting?.n ?? 0,
      oldestQueuedAt: waiting?.at ?? null,
      agents: agentCounts.get(id) ?? emptyCounts(),
      offered: today.offered,
      answered: today.answeredWaits.length,
      abandoned: today.abandonedWaits.length,
      shortAbandoned: shortAbandons(today, def),
      timedOut: today.timedOut,
      serviceLevel: { ...serviceLevelOf(today, def), thresholdS: def.slThresholdS, variant: def.slVariant },
      recentServiceLevel: windowServiceLevels(today.exits, state.now, def),
      targetPct: def.slTargetPct ?? QUEUE_DEFAULTS.slTargetPct,
      thresholds: thresholdsFor(thresholds, id),
    };
  }

  const calls: Record<string, CallRow> = {};
  for (const c of state.calls.values()) {
    calls[c.id] = {
      id: c.id,
      caller: c.caller ?? null,
      queueId: c.queueId ?? null,
      agentId: c.agentId ?? null,
      state: c.state,
      since: c.since,
      startedAt: c.startedAt,
      monitors: (c.monitors ?? []).map((m) => ({ supervisor: m.supervisor, mode: m.mode })),
    };
  }

  return {
    meta: {
      ...meta,
      alertSettings: meta.alertSettings ?? DEFAULT_ALERT_SETTINGS,
      eventClock: state.eventClock,
      asOf: state.now,
      dayStart: state.day.start,
      timeZone: state.timeZone,
    },
    queues,
    agents,
    calls,
  };
}

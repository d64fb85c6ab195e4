import type { ServiceLevelFigure } from "./queue-service-level";
import { SL_WINDOW_MINUTES, type SlWindowMinutes } from "./sl-windows";
import type { AgentCounts, WallboardView } from "./view-types";

/**
 * The centre at a glance, from the queues and agents a wallboard holds (so a scoped
 * viewer's totals are of their scope). Agents are counted once each, whatever
 * number of queues they serve (a queue card counts an agent in each of its queues).
 * The centre's service level pools the queues' own numerators and denominators: each
 * contact judged by its queue's threshold and variant.
 */
export type FloorTotals = {
  waiting: number;
  /** Entry time of the longest-waiting caller anywhere, null when nobody waits. */
  oldestQueuedAt: number | null;
  agents: AgentCounts & { loggedOn: number };
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: ServiceLevelFigure;
  recentServiceLevel: (ServiceLevelFigure & { minutes: SlWindowMinutes })[];
};

const pooled = (parts: readonly ServiceLevelFigure[]): ServiceLevelFigure => {
  const numerator = parts.reduce((n, p) => n + p.numerator, 0);
  const denominator = parts.reduce((n, p) => n + p.denominator, 0);
  return { value: denominator > 0 ? numerator / denominator : null, numerator, denominator };
};

export function floorTotals(view: Pick<WallboardView, "queues" | "agents">): FloorTotals {
  const queues = Object.values(view.queues);
  const agents: FloorTotals["agents"] = { loggedOn: 0, ready: 0, busy: 0, afterCallWork: 0, notReady: 0, notReadyByReason: {} };
  for (const a of Object.values(view.agents)) {
    agents.loggedOn += 1;
    if (a.state === "ready") agents.ready += 1;
    else if (a.state === "busy") agents.busy += 1;
    else if (a.state === "after_call_work") agents.afterCallWork += 1;
    else {
      agents.notReady += 1;
      const reason = a.reasonCode ?? "unspecified";
      agents.notReadyByReason[reason] = (agents.notReadyByReason[reason] ?? 0) + 1;
    }
  }
  const oldest = queues.map((q) => q.oldestQueuedAt).filter((t): t is number => t !== null);
  return {
    waiting: queues.reduce((n, q) => n + q.waiting, 0),
    oldestQueuedAt: oldest.length > 0 ? Math.min(...oldest) : null,
    agents,
    offered: queues.reduce((n, q) => n + q.offered, 0),
    answered: queues.reduce((n, q) => n + q.answered, 0),
    abandoned: queues.reduce((n, q) => n + q.abandoned, 0),
    serviceLevel: pooled(queues.map((q) => q.serviceLevel)),
    recentServiceLevel: SL_WINDOW_MINUTES.map((minutes) => ({
      minutes,
      ...pooled(queues.map((q) => q.recentServiceLevel.find((w) => w.minutes === minutes) ?? { value: null, numerator: 0, denominator: 0 })),
    })),
  };
}

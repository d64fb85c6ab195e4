import type { Directory } from "../platform/directory";
import type { SimulatorConfig } from "./config";
import { buildRoster } from "./roster";

/** The simulated centre's queues (with their configured thresholds) and roster, as a PBX would list them. */
export function simulatorDirectory(config: SimulatorConfig): Directory {
  return {
    queues: config.queues.map((q) => ({
      id: q.id,
      name: q.name,
      slThresholdSeconds: Math.round(q.slThresholdSeconds),
      shortAbandonSeconds: Math.round(q.shortAbandonSeconds),
    })),
    agents: buildRoster(config).map((a) => ({ id: a.id, name: a.name, teamId: a.teamId })),
    teams: config.teams.map((t) => ({ id: t.id, name: t.name })),
  };
}

import type { SimulatorConfig } from "./config";
import { FIRST_NAMES, LAST_NAMES } from "./names";
import { hashSeed, Rng } from "./random";

/** One generated agent: identity, skills and the shift pattern they work. */
export interface RosterAgent {
  readonly id: string;
  readonly name: string;
  readonly extension: string;
  /** Asterisk queue member interface, as queue_log and ARI name the agent's device. */
  readonly interface: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly skills: readonly string[];
  /** Queue ids whose skill the agent has, in config order. */
  readonly queueIds: readonly string[];
  /** Local decimal hours; end may exceed 24. */
  readonly shiftStart: number;
  readonly shiftEnd: number;
  readonly worksWeekends: boolean;
}

const FIRST_EXTENSION = 1001;

/**
 * Expands teams into agents. Pure and independent of the simulation seed, so
 * agent ids and names are stable across runs: the dashboard can show the same
 * people whatever the seed (the store only ever sees the ids).
 */
export function buildRoster(config: SimulatorConfig): RosterAgent[] {
  const nameRng = new Rng(hashSeed("agent-names", config.tenantId));
  const used = new Set<string>();
  const agents: RosterAgent[] = [];
  for (const team of config.teams) {
    const skills = new Set(team.skills);
    const queueIds = config.queues.filter((q) => skills.has(q.skill)).map((q) => q.id);
    for (const shift of team.shifts) {
      for (let i = 0; i < shift.count; i++) {
        const extension = String(FIRST_EXTENSION + agents.length);
        agents.push({
          id: `agent-${extension}`,
          name: uniqueName(nameRng, used),
          extension,
          interface: `PJSIP/${extension}`,
          teamId: team.id,
          teamName: team.name,
          skills: team.skills,
          queueIds,
          shiftStart: shift.start,
          shiftEnd: shift.end,
          worksWeekends: i < shift.weekendCount,
        });
      }
    }
  }
  return agents;
}

function uniqueName(rng: Rng, used: Set<string>): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  // 3,600 combinations: only a very large roster gets here; a suffix keeps names unique.
  const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)} ${used.size + 1}`;
  used.add(name);
  return name;
}

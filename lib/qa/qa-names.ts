import type { ClickHouseClient } from "@clickhouse/client";
import { labelsFor, lookupNames, type NameLabels } from "@/lib/directory/names";
import { readScorecardVersion } from "./scorecards/scorecard-store";
import type { QaScores } from "./dashboard/aggregate-scores";

/**
 * QA's answers name agents, queues and teams by id (an evaluation keeps the ids its
 * call had); the pages show people's words. Each answer carries the names of the
 * ids it mentions (lib/directory/names.ts), and the page shows an id only where the
 * directory has no name for it.
 */
export async function qaNames(ch: ClickHouseClient, tenantId: string, rows: readonly { agentId: string; queueId: string; teamId: string }[]): Promise<NameLabels> {
  const names = await lookupNames(ch, tenantId);
  return labelsFor(names, { agents: rows.map((r) => r.agentId), queues: rows.map((r) => r.queueId), teams: rows.map((r) => r.teamId) });
}

/** The names of the dashboard's agent, queue and team groups. */
export async function qaScoreNames(ch: ClickHouseClient, tenantId: string, scores: Pick<QaScores, "byAgent" | "byQueue" | "byTeam">): Promise<NameLabels> {
  const keys = (groups: readonly { key: string }[]) => groups.map((g) => g.key);
  return labelsFor(await lookupNames(ch, tenantId), { agents: keys(scores.byAgent), queues: keys(scores.byQueue), teams: keys(scores.byTeam) });
}

/** The name a scorecard version had; its id when that version is gone. */
export async function scorecardName(ch: ClickHouseClient, tenantId: string, id: string, version: number): Promise<string> {
  return (await readScorecardVersion(ch, tenantId, id, version))?.card.name ?? id;
}

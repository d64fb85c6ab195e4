import type { ClickHouseClient } from "@clickhouse/client";
import type { ScopeAccess } from "@/lib/auth/scope-access";
import { listEvaluations } from "../evaluations/evaluation-store";
import { aggregateScores, type QaScores } from "./aggregate-scores";

/**
 * The dashboard: submitted evaluations of calls in the period, within the scope
 * and filters, calibration evaluations left out (they are practice, several per
 * call). Evaluations are made by people, so a period holds thousands at most and
 * the figures are computed here from the rows; past MAX_ROWS the answer says so.
 */
export const MAX_ROWS = 50_000;

export async function qaScores(
  ch: ClickHouseClient,
  p: {
    tenantId: string;
    access: ScopeAccess;
    from: number;
    to: number;
    queueIds: readonly string[];
    teamIds: readonly string[];
    agentIds: readonly string[];
    tz: string;
  },
): Promise<QaScores & { truncated: boolean }> {
  const rows = await listEvaluations(ch, {
    tenantId: p.tenantId,
    from: p.from,
    to: p.to,
    status: "submitted",
    agentIds: p.agentIds,
    // The endpoint's scope step has narrowed an empty list to the scope's own ids already; empty here means all.
    queueIds: p.queueIds.length > 0 ? p.queueIds : null,
    teamIds: p.teamIds.length > 0 ? p.teamIds : null,
    limit: MAX_ROWS,
  });
  const counted = rows.filter((e) => e.calibrationId === "");
  return { ...aggregateScores(counted, p.tz), truncated: rows.length >= MAX_ROWS };
}

import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber as num } from "@/lib/store/query-rows";
import { storeInsert } from "@/lib/store/store-call";
import type { Versioned } from "@/lib/records/record-kind";
import { storedScorecardSchema, type Scorecard } from "./scorecard-schema";

/**
 * qa_scorecard_versions (migration 0020): one row per saved version of a form, so
 * an evaluation reads the very version it was scored with. Rows are written only
 * by the scorecard record kind (scorecard-record.ts).
 */

const rowSchema = z.object({ scorecard_id: z.string(), version: num, at: num, definition: z.string() });
const COLUMNS = "scorecard_id, version, toUnixTimestamp64Milli(updated_at) AS at, definition";

export type StoredScorecard = { id: string; version: number; at: number; card: Scorecard };

const toStored = (r: z.infer<typeof rowSchema>): StoredScorecard => ({
  id: r.scorecard_id,
  version: r.version,
  at: r.at,
  card: storedScorecardSchema.parse(JSON.parse(r.definition)),
});

const VERSION_SQL = `
SELECT ${COLUMNS} FROM qa_scorecard_versions FINAL
WHERE tenant_id = {tenant:String} AND scorecard_id = {id:String} AND version = {version:UInt32}`;

/** One version of a form, or undefined. */
export async function readScorecardVersion(ch: ClickHouseClient, tenantId: string, id: string, version: number): Promise<StoredScorecard | undefined> {
  const [row] = await queryRows(ch, VERSION_SQL, { tenant: tenantId, id, version }, rowSchema);
  return row ? toStored(row) : undefined;
}

const LATEST_SQL = `
SELECT ${COLUMNS} FROM qa_scorecard_versions FINAL
WHERE tenant_id = {tenant:String} AND ({id:String} = '' OR scorecard_id = {id:String})
ORDER BY scorecard_id, version DESC
LIMIT 1 BY scorecard_id`;

/** The current version of one form (or of every form, with id ''), by name within the list. */
export async function readLatestScorecards(ch: ClickHouseClient, tenantId: string, id = ""): Promise<StoredScorecard[]> {
  const rows = await queryRows(ch, LATEST_SQL, { tenant: tenantId, id }, rowSchema);
  return rows.map(toStored).sort((a, b) => a.card.name.localeCompare(b.card.name) || a.id.localeCompare(b.id));
}

/** Writes one version's row: the same row each time for a version (the projection may be written twice). */
export async function writeScorecardVersion(ch: ClickHouseClient, tenantId: string, id: string, v: Versioned<Scorecard>, by: string): Promise<void> {
  await storeInsert(ch, "qa_scorecard_versions", [
    {
      tenant_id: tenantId,
      scorecard_id: id,
      version: v.version,
      name: v.state.name,
      archived: v.state.archived ? 1 : 0,
      definition: JSON.stringify(v.state),
      updated_at: v.at,
      updated_by: by,
    },
  ]);
}

import type { ClickHouseClient } from "@clickhouse/client";
import { isDeepStrictEqual } from "node:util";
import type { Actor } from "@/lib/audit/write-audit";
import { NotFound } from "@/lib/errors/domain-errors";
import { editRecord, type EditResult } from "@/lib/records/edit-record";
import type { RecordKind } from "@/lib/records/record-kind";
import { storedScorecardSchema, type Scorecard } from "./scorecard-schema";
import { readLatestScorecards, writeScorecardVersion } from "./scorecard-store";

/**
 * A scorecard form as an edited record (lib/records): each save is the next
 * version, claimed atomically and audited (`qa.scorecard.save`, with the form
 * before and after). Versions are never overwritten: every one keeps its row in
 * qa_scorecard_versions, since evaluations scored with it go on reading it.
 */

export const SCORECARD_AUDIT_ACTION = "qa.scorecard.save";

/** What a form that was never saved holds (version 0). */
const UNSAVED: Scorecard = { name: "", description: "", archived: false, sections: [] };

export const SCORECARD_RECORD: RecordKind<Scorecard> = {
  kind: "qa_scorecard",
  describe: (id) => `scorecard "${id}"`,
  stateSchema: storedScorecardSchema,
  sameState: (a, b) => isDeepStrictEqual(a, b),
  async readProjection(ch, key) {
    const [latest] = await readLatestScorecards(ch, key.tenantId, key.recordId);
    return latest ? { version: latest.version, at: latest.at, state: latest.card } : { version: 0, at: 0, state: UNSAVED };
  },
  async writeProjection(ch, key, v, actor) {
    await writeScorecardVersion(ch, key.tenantId, key.recordId, v, actor.id || actor.name);
  },
  audit: {
    action: SCORECARD_AUDIT_ACTION,
    target: (id) => `scorecard:${id}`,
    details: (before, after) => ({ version: after.version, name: after.state.name, ...(before.version > 0 ? { before: before.state } : {}), after: after.state }),
  },
};

/**
 * Saves a form as its next version. `expectedVersion` 0 creates it (a Conflict if
 * the id is taken meanwhile); a later version of a form that does not exist is NotFound.
 */
export async function saveScorecard(
  ch: ClickHouseClient,
  p: { tenantId: string; id: string; card: Scorecard; expectedVersion: number; actor: Actor },
): Promise<EditResult<Scorecard>> {
  if (p.expectedVersion > 0) {
    const [current] = await readLatestScorecards(ch, p.tenantId, p.id);
    if (!current) throw new NotFound(SCORECARD_RECORD.describe(p.id));
  }
  return editRecord(ch, SCORECARD_RECORD, { tenantId: p.tenantId, recordId: p.id, expectedVersion: p.expectedVersion, actor: p.actor, change: () => p.card });
}

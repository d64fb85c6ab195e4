import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/**
 * The one writer of audit_log (migration 0008): who did what to which record, and
 * when. Every edit path goes through here, so the row shape (actor id or name,
 * role, action, target, details JSON with the actor's display name first) is the
 * same for all of them and the existing readers (definition-changes.ts) keep
 * working.
 */

export type Actor = { id: string; name: string; role: string };

export type AuditEntry = {
  tenantId: string;
  /** Derived from what was done (see auditId in lib/records), so writing it again is recognisable as a repeat. */
  id: string;
  /** Epoch ms. */
  at: number;
  actor: Actor;
  action: string;
  target: string;
  details: Record<string, unknown>;
};

/**
 * Inserts one row. The deduplication token is the row's id: audit_log has a
 * deduplication window (migration 0015), so a second write of the same entry (a
 * repair racing the original writer) is dropped by ClickHouse.
 */
export async function writeAudit(ch: ClickHouseClient, e: AuditEntry): Promise<void> {
  await ch.insert({
    table: "audit_log",
    format: "JSONEachRow",
    clickhouse_settings: { insert_deduplicate: 1, insert_deduplication_token: JSON.stringify(["audit_log", e.tenantId, e.id]) },
    values: [
      {
        tenant_id: e.tenantId,
        id: e.id,
        at: e.at,
        actor: e.actor.id || e.actor.name,
        role: e.actor.role,
        action: e.action,
        target: e.target,
        details: JSON.stringify({ actorName: e.actor.name, ...e.details }),
      },
    ],
  });
}

const EXISTS_SQL = `
SELECT count() AS n FROM audit_log
WHERE tenant_id = {tenantId:String} AND at = fromUnixTimestamp64Milli({at:Int64}, 'UTC') AND id = {id:UUID}`;

const countRow = z.object({ n: sqlNumber });

/** Whether this entry is stored already: a repair long after the original write is past the deduplication window. */
export async function auditExists(ch: ClickHouseClient, e: Pick<AuditEntry, "tenantId" | "id" | "at">): Promise<boolean> {
  const [row] = await queryRows(ch, EXISTS_SQL, { tenantId: e.tenantId, at: e.at, id: e.id }, countRow);
  return (row?.n ?? 0) > 0;
}

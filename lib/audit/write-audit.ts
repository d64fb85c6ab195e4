import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/**
 * The one writer of audit_log (migrations 0008 and 0018): who did what to which
 * record, when and from where. Every edit path goes through here, so the row shape
 * (actor id or name, display name, role, action, target, client address, details
 * JSON with the actor's display name first and, for settings, `before` and
 * `after`) is the same for all of them and the readers (list-audit.ts,
 * definition-changes.ts) keep working. The log is append-only: the product has no
 * statement that changes or removes a row (test/unit/store/audit-append-only.test.ts).
 */

/** Who acted; `from` is their request's client address (the socket peer, or a trusted proxy's X-Forwarded-For: lib/auth/client-address.ts), when there was a request. */
export type Actor = { id: string; name: string; role: string; from?: string };

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
  /** The client address; absent, the actor's own `from` (if any) is used. */
  from?: string;
};

/**
 * Inserts one row. The deduplication token is the row's id: audit_log has a
 * deduplication window (migration 0015), so a second write of the same entry (a
 * repair racing the original writer) is dropped by ClickHouse.
 */
export async function writeAudit(ch: ClickHouseClient, e: AuditEntry): Promise<void> {
  await writeAuditRows(ch, [e]);
}

/** Several rows in one insert (acts that happen together: playbacks coalesced by lib/recordings), deduplicated as one block by their ids. */
export async function writeAuditRows(ch: ClickHouseClient, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const token =
    entries.length === 1 ? JSON.stringify(["audit_log", entries[0]?.tenantId, entries[0]?.id]) : JSON.stringify(["audit_log", ...entries.map((e) => [e.tenantId, e.id])]);
  await ch.insert({
    table: "audit_log",
    format: "JSONEachRow",
    clickhouse_settings: { insert_deduplicate: 1, insert_deduplication_token: token },
    values: entries.map((e) => ({
      tenant_id: e.tenantId,
      id: e.id,
      at: e.at,
      actor: e.actor.id || e.actor.name,
      actor_name: e.actor.name,
      role: e.actor.role,
      client_address: e.from ?? e.actor.from ?? "",
      action: e.action,
      target: e.target,
      details: JSON.stringify({ actorName: e.actor.name, ...e.details }),
    })),
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

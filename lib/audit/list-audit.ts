import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { entityId } from "@/lib/kpi/inputs";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/**
 * The audit log as an admin reads it: newest first, filtered by time (from
 * inclusive, to exclusive), actor (id or display name, any part of it, any case)
 * and action, one page at a time, with the total and the actions the log holds
 * (for the filter). A row written twice (a repair racing its writer past the
 * deduplication window) has the same id and content both times and is shown once.
 */

export const AUDIT_PAGE_MAX = 500;

export const auditFilterSchema = z.object({
  tenantId: entityId,
  /** Epoch ms; absent, the log's beginning and end. */
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
  actor: z.string().trim().max(256).optional(),
  actions: z.array(z.string().min(1).max(128)).max(100).default([]),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

const listInputSchema = auditFilterSchema.extend({
  limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
  offset: z.number().int().min(0).max(10_000_000).default(0),
});
export type AuditListInput = z.input<typeof listInputSchema>;

// The display name moved from details into its own column in 0018; older rows have it only in details.
// No alias may reuse a column's name (`... AS at`): ClickHouse would use the alias in WHERE too.
const SELECTED = `
  toString(id) AS entryId, toUnixTimestamp64Milli(at) AS atMs, actor AS actorId,
  if(actor_name != '', actor_name, JSONExtractString(details, 'actorName')) AS actorName,
  role, action, target, client_address AS clientAddress, details`;

const WHERE = `
WHERE tenant_id = {tenantId:String}
  AND at >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND at < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
  AND ({actor:String} = ''
       OR positionCaseInsensitiveUTF8(actor, {actor:String}) > 0
       OR positionCaseInsensitiveUTF8(if(actor_name != '', actor_name, JSONExtractString(details, 'actorName')), {actor:String}) > 0)
  AND (empty({actions:Array(String)}) OR has({actions:Array(String)}, action))`;

export const AUDIT_PAGE_SQL = `
SELECT ${SELECTED}
FROM audit_log
${WHERE}
ORDER BY at DESC, id
LIMIT 1 BY id
LIMIT {limit:UInt32} OFFSET {offset:UInt32}`;

const COUNT_SQL = `SELECT uniqExact(id) AS n FROM audit_log ${WHERE}`;

const ACTIONS_SQL = `SELECT DISTINCT action FROM audit_log WHERE tenant_id = {tenantId:String} ORDER BY action`;

const rowSchema = z.object({
  entryId: z.string(),
  atMs: sqlNumber,
  actorId: z.string(),
  actorName: z.string(),
  role: z.string(),
  action: z.string(),
  target: z.string(),
  clientAddress: z.string(),
  details: z.string(),
});
type AuditRow = z.output<typeof rowSchema>;

export type AuditEntryView = { id: string; at: number } & Omit<AuditRow, "details" | "entryId" | "atMs"> & { details: Record<string, unknown> };
export type AuditPage = { total: number; items: AuditEntryView[]; actions: string[] };

/** Ends of an open range: the log holds nothing before 1970 or after year 2200. */
const OPEN_TO = 7_258_118_400_000;

function queryParams(f: z.output<typeof auditFilterSchema>) {
  return { tenantId: f.tenantId, from: f.from ?? 0, to: f.to ?? OPEN_TO, actor: f.actor ?? "", actions: f.actions };
}

/** Details as stored (JSON), the display name removed (it has its own field); text that is not an object is kept under `text`. */
export function prepareAuditRow({ entryId, atMs, ...r }: AuditRow): AuditEntryView {
  let details: Record<string, unknown>;
  try {
    const json: unknown = JSON.parse(r.details);
    details = json !== null && typeof json === "object" && !Array.isArray(json) ? { ...(json as Record<string, unknown>) } : { text: r.details };
  } catch {
    details = { text: r.details };
  }
  delete details.actorName;
  return { id: entryId, at: atMs, ...r, details };
}

export async function listAudit(ch: ClickHouseClient, input: AuditListInput): Promise<AuditPage> {
  const p = listInputSchema.parse(input);
  const params = queryParams(p);
  const [rows, [count], actions] = await Promise.all([
    queryRows(ch, AUDIT_PAGE_SQL, { ...params, limit: p.limit, offset: p.offset }, rowSchema),
    queryRows(ch, COUNT_SQL, params, z.object({ n: sqlNumber })),
    queryRows(ch, ACTIONS_SQL, { tenantId: p.tenantId }, z.object({ action: z.string() })),
  ]);
  return { total: count?.n ?? 0, items: rows.map(prepareAuditRow), actions: actions.map((a) => a.action) };
}

/** Every matching entry, newest first, for the export; `max` bounds the file (the caller says what to do past it). */
export async function listAllAudit(ch: ClickHouseClient, filter: AuditFilter, max: number): Promise<{ total: number; items: AuditEntryView[] }> {
  const f = auditFilterSchema.parse(filter);
  const params = queryParams(f);
  const [count] = await queryRows(ch, COUNT_SQL, params, z.object({ n: sqlNumber }));
  const total = count?.n ?? 0;
  if (total > max) return { total, items: [] };
  const rows = await queryRows(ch, AUDIT_PAGE_SQL, { ...params, limit: max, offset: 0 }, rowSchema);
  return { total, items: rows.map(prepareAuditRow) };
}

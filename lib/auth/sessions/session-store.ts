import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { outsideRequest } from "@/lib/store/request-signal";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { roleSchema } from "../roles";
import { scopeSchema } from "../scope";
import type { SessionRecord, SessionStore, SessionWrite } from "./session-record";

/**
 * The sessions table (migration 0017). Each write is a partial row; every column
 * merges by max, so reading groups by sid and takes max of each (aliases differ
 * from the column names, so no aggregate reads its own alias).
 */
const COLUMNS = `
  sid, max(user_id) AS user_id_, max(provider) AS provider_, max(name) AS name_, max(role) AS role_, max(scope) AS scope_,
  toUnixTimestamp64Milli(max(created_at)) AS created_at_ms, toUnixTimestamp64Milli(max(last_seen_at)) AS last_seen_at_ms,
  toUnixTimestamp64Milli(max(expires_at)) AS expires_at_ms, max(client_address) AS client_address_, max(user_agent) AS user_agent_,
  toUnixTimestamp64Milli(max(revoked_at)) AS revoked_at_ms, max(revoked_by) AS revoked_by_`;

const READ_SQL = `
SELECT ${COLUMNS}
FROM sessions
WHERE tenant_id = {tenantId:String} AND sid IN {sids:Array(String)}
GROUP BY sid`;

const FOR_USER_SQL = `
SELECT ${COLUMNS}
FROM sessions
WHERE tenant_id = {tenantId:String} AND sid IN (SELECT sid FROM sessions WHERE tenant_id = {tenantId:String} AND user_id = {userId:String})
GROUP BY sid
HAVING expires_at_ms > {now:Int64}
ORDER BY created_at_ms DESC
LIMIT 200`;

const rowSchema = z.object({
  sid: z.string(),
  user_id_: z.string(),
  provider_: z.string(),
  name_: z.string(),
  role_: z.string(),
  scope_: z.string(),
  created_at_ms: sqlNumber,
  last_seen_at_ms: sqlNumber,
  expires_at_ms: sqlNumber,
  client_address_: z.string(),
  user_agent_: z.string(),
  revoked_at_ms: sqlNumber,
  revoked_by_: z.string(),
});

function toRecord(r: z.output<typeof rowSchema>): SessionRecord {
  const role = roleSchema.safeParse(r.role_);
  const scope = r.scope_ ? scopeSchema.safeParse(JSON.parse(r.scope_)) : undefined;
  return {
    sid: r.sid,
    userId: r.user_id_,
    provider: r.provider_,
    name: r.name_,
    ...(role.success ? { role: role.data } : {}),
    ...(scope?.success ? { scope: scope.data } : {}),
    createdAt: r.created_at_ms,
    lastSeenAt: r.last_seen_at_ms,
    expiresAt: r.expires_at_ms,
    clientAddress: r.client_address_,
    userAgent: r.user_agent_,
    revokedAt: r.revoked_at_ms,
    revokedBy: r.revoked_by_,
  };
}

function toRow(tenantId: string, w: SessionWrite): Record<string, unknown> {
  const row: Record<string, unknown> = { tenant_id: tenantId, sid: w.sid };
  const strings = {
    user_id: w.userId,
    provider: w.provider,
    name: w.name,
    role: w.role,
    client_address: w.clientAddress,
    user_agent: w.userAgent,
    revoked_by: w.revokedBy,
  };
  for (const [k, v] of Object.entries(strings)) if (v !== undefined) row[k] = v;
  if (w.scope !== undefined) row.scope = JSON.stringify(w.scope);
  const times = { created_at: w.createdAt, last_seen_at: w.lastSeenAt, expires_at: w.expiresAt, revoked_at: w.revokedAt };
  for (const [k, v] of Object.entries(times)) if (v !== undefined) row[k] = v;
  return row;
}

export function clickHouseSessionStore(ch: () => Promise<ClickHouseClient>, tenantId: string): SessionStore {
  return {
    async write(rows) {
      await (await ch()).insert({ table: "sessions", format: "JSONEachRow", values: rows.map((w) => toRow(tenantId, w)) });
    },
    // One read serves several requests (batched by the registry) or none (the stream watcher's timer):
    // no single request's departure may cancel it.
    async read(sids) {
      if (sids.length === 0) return [];
      return outsideRequest(async () => (await queryRows(await ch(), READ_SQL, { tenantId, sids }, rowSchema)).map(toRecord));
    },
    async listForUser(userId, now) {
      return outsideRequest(async () => (await queryRows(await ch(), FOR_USER_SQL, { tenantId, userId, now }, rowSchema)).map(toRecord));
    },
  };
}

import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import { roleSchema } from "../roles";
import { scopeSchema } from "../scope";
import type { SessionRecord, SessionStore, SessionWrite } from "./session-record";

/**
 * The sessions table (migration 0016). Each write is a partial row; every column
 * merges by max, so reading groups by sid and takes max of each.
 */
const COLUMNS = `
  sid, max(user_id) AS user_id, max(provider) AS provider, max(name) AS name, max(role) AS role, max(scope) AS scope,
  toUnixTimestamp64Milli(max(created_at)) AS created_at, toUnixTimestamp64Milli(max(last_seen_at)) AS last_seen_at,
  toUnixTimestamp64Milli(max(expires_at)) AS expires_at, max(client_address) AS client_address, max(user_agent) AS user_agent,
  toUnixTimestamp64Milli(max(revoked_at)) AS revoked_at, max(revoked_by) AS revoked_by`;

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
HAVING expires_at > {now:Int64}
ORDER BY created_at DESC
LIMIT 200`;

const rowSchema = z.object({
  sid: z.string(),
  user_id: z.string(),
  provider: z.string(),
  name: z.string(),
  role: z.string(),
  scope: z.string(),
  created_at: sqlNumber,
  last_seen_at: sqlNumber,
  expires_at: sqlNumber,
  client_address: z.string(),
  user_agent: z.string(),
  revoked_at: sqlNumber,
  revoked_by: z.string(),
});

function toRecord(r: z.output<typeof rowSchema>): SessionRecord {
  const role = roleSchema.safeParse(r.role);
  const scope = r.scope ? scopeSchema.safeParse(JSON.parse(r.scope)) : undefined;
  return {
    sid: r.sid,
    userId: r.user_id,
    provider: r.provider,
    name: r.name,
    ...(role.success ? { role: role.data } : {}),
    ...(scope?.success ? { scope: scope.data } : {}),
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    clientAddress: r.client_address,
    userAgent: r.user_agent,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
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
    async read(sids) {
      if (sids.length === 0) return [];
      return (await queryRows(await ch(), READ_SQL, { tenantId, sids }, rowSchema)).map(toRecord);
    },
    async listForUser(userId, now) {
      return (await queryRows(await ch(), FOR_USER_SQL, { tenantId, userId, now }, rowSchema)).map(toRecord);
    },
  };
}

import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber as num } from "@/lib/store/query-rows";
import { outsideRequest } from "@/lib/store/request-signal";
import { storeInsert } from "@/lib/store/store-call";
import { claimToken } from "./claim-keys";
import type { Claim, RecordKey } from "./record-kind";

/**
 * The store-level step that makes an edit atomic. ClickHouse has no transactions,
 * but it does deduplicate inserts: record_versions (migration 0015) keeps a
 * deduplication window, and every writer of version N of a record inserts its
 * claim with the same token, built from (tenant, kind, record, N). ClickHouse
 * checks the token and adds the part under one lock, so of any number of
 * concurrent claims, from this process or any other web server on the same
 * ClickHouse server, exactly one is stored; reading the claim back tells each
 * writer whether it is the one (its own edit id) or not.
 *
 * Should the window ever have moved past a claim (10,000 claims since), a late
 * duplicate could be stored; then the first claim by the server's own clock
 * (claimed_at, set by ClickHouse on insert) still wins, for the writer and for
 * every reader alike.
 */

const WINNER_SQL = `
SELECT toString(edit_id) AS editId
FROM record_versions
WHERE tenant_id = {tenantId:String} AND kind = {kind:String} AND record_id = {recordId:String} AND version = {version:UInt32}
ORDER BY claimed_at, edit_id
LIMIT 1`;

/** Inserts this claim and reports whether it won its version. */
export async function claimVersion<S>(ch: ClickHouseClient, kind: string, key: RecordKey, claim: Claim<S>): Promise<boolean> {
  await storeInsert(
    ch,
    "record_versions",
    [
      {
        tenant_id: key.tenantId,
        kind,
        record_id: key.recordId,
        version: claim.version,
        edit_id: claim.editId,
        at: claim.at,
        actor_id: claim.actor.id,
        actor_name: claim.actor.name,
        actor_role: claim.actor.role,
        actor_address: claim.actor.from ?? "",
        before: JSON.stringify(claim.before),
        state: JSON.stringify(claim.state),
      },
    ],
    {
      settings: {
        insert_deduplicate: 1,
        insert_deduplication_token: claimToken(kind, key, claim.version),
        // An asynchronous insert is deduplicated differently (and later); this one must be decided now.
        async_insert: 0,
      },
    },
  );
  // The claim is stored: deciding whether it won must finish even if the editor's request has gone.
  const [winner] = await outsideRequest(() => queryRows(ch, WINNER_SQL, { ...key, kind, version: claim.version }, z.object({ editId: z.string() })));
  return winner?.editId === claim.editId;
}

const LATEST_SQL = `
SELECT version, toString(edit_id) AS editId, toUnixTimestamp64Milli(at) AS at, actor_id, actor_name, actor_role, actor_address, before, state
FROM record_versions
WHERE tenant_id = {tenantId:String} AND kind = {kind:String} AND record_id = {recordId:String}
ORDER BY version DESC, claimed_at, edit_id
LIMIT 1`;

const claimRow = z.object({
  version: num,
  editId: z.string(),
  at: num,
  actor_id: z.string(),
  actor_name: z.string(),
  actor_role: z.string(),
  actor_address: z.string(),
  before: z.string(),
  state: z.string(),
});

/** The record's latest claimed version, if it was ever edited through this module. */
export async function latestClaim<S>(ch: ClickHouseClient, kind: string, key: RecordKey, state: z.ZodType<S>): Promise<Claim<S> | undefined> {
  const [row] = await queryRows(ch, LATEST_SQL, { ...key, kind }, claimRow);
  if (!row) return undefined;
  return {
    version: row.version,
    editId: row.editId,
    at: row.at,
    actor: { id: row.actor_id, name: row.actor_name, role: row.actor_role, ...(row.actor_address ? { from: row.actor_address } : {}) },
    before: state.parse(JSON.parse(row.before)),
    state: state.parse(JSON.parse(row.state)),
  };
}

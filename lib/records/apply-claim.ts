import type { ClickHouseClient } from "@clickhouse/client";
import { auditExists, writeAudit } from "@/lib/audit/write-audit";
import { auditId } from "./claim-keys";
import type { Claim, RecordKey, RecordKind, Versioned } from "./record-kind";

/**
 * Makes a won claim visible: its audit row, then the projection row. Written by
 * the winner right after its claim, and again by whoever finds the projection
 * behind the claims (the winner died in between): both writes are idempotent (the
 * audit row's id and deduplication token come from the version; a projection row
 * written twice is the same row).
 *
 * Audit first: a projection that shows the version then proves the audit row was
 * written, so only a lagging projection needs repair.
 */
export async function applyClaim<S>(ch: ClickHouseClient, kind: RecordKind<S>, key: RecordKey, claim: Claim<S>): Promise<Versioned<S>> {
  const before: Versioned<S> = { version: claim.version - 1, state: claim.before, at: claim.at };
  const after: Versioned<S> = { version: claim.version, state: claim.state, at: claim.at };
  const entry = {
    tenantId: key.tenantId,
    id: auditId(kind.kind, key, claim.version),
    at: claim.at,
    actor: claim.actor,
    action: typeof kind.audit.action === "string" ? kind.audit.action : kind.audit.action(before, after),
    target: kind.audit.target(key.recordId),
    details: kind.audit.details(before, after),
  };
  if (!(await auditExists(ch, entry))) await writeAudit(ch, entry);
  await kind.writeProjection(ch, key, after, claim.actor);
  return after;
}

import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import type { Actor } from "@/lib/audit/write-audit";
import { applyClaim } from "./apply-claim";
import { lockKey } from "./claim-keys";
import { claimVersion, latestClaim } from "./claim-version";
import { currentRecord } from "./current-record";
import { withKeyLock } from "./key-lock";
import { conflict, planEdit } from "./plan-edit";
import type { RecordKind, Versioned } from "./record-kind";

export type EditInput<S> = {
  tenantId: string;
  recordId: string;
  /** The version the editor saw; absent, the edit applies to whatever is current. */
  expectedVersion?: number;
  actor: Actor;
  /** The new state from the current one. */
  change: (current: S) => S;
};

export type EditResult<S> = { changed: boolean; before: Versioned<S>; after: Versioned<S> };

/** Without an expected version an edit that loses a race is tried again on the winner's version, this often. */
const BLIND_ATTEMPTS = 5;

/**
 * Changes one record atomically: exactly one edit wins each version; the others
 * get a Conflict naming the current version. Versions count 1, 2, 3...
 */
export function editRecord<S>(ch: ClickHouseClient, kind: RecordKind<S>, input: EditInput<S>): Promise<EditResult<S>> {
  return withKeyLock(lockKey(kind.kind, input), () => editRecordUnlocked(ch, kind, input));
}

/**
 * The edit without this process's lock: what another web server does. Exported for
 * the tests that prove the store-level claim alone picks one winner.
 */
export async function editRecordUnlocked<S>(ch: ClickHouseClient, kind: RecordKind<S>, input: EditInput<S>): Promise<EditResult<S>> {
  const key = { tenantId: input.tenantId, recordId: input.recordId };
  const what = kind.describe(input.recordId);
  for (let attempt = 1; ; attempt++) {
    const current = await currentRecord(ch, kind, key);
    const plan = planEdit({ what, current, next: input.change(current.state), expectedVersion: input.expectedVersion, same: kind.sameState, now: Date.now() });
    if (plan.unchanged) return { changed: false, before: current, after: current };
    const claim = { version: plan.version, editId: randomUUID(), at: plan.at, actor: input.actor, before: current.state, state: plan.state };
    if (await claimVersion(ch, kind.kind, key, claim)) {
      return { changed: true, before: current, after: await applyClaim(ch, kind, key, claim) };
    }
    if (input.expectedVersion !== undefined || attempt >= BLIND_ATTEMPTS) {
      const latest = await latestClaim(ch, kind.kind, key, kind.stateSchema);
      throw conflict(what, Math.max(plan.version, latest?.version ?? 0), input.expectedVersion);
    }
  }
}

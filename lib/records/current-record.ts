import type { ClickHouseClient } from "@clickhouse/client";
import { NotFound } from "@/lib/errors/domain-errors";
import { applyClaim } from "./apply-claim";
import { latestClaim } from "./claim-version";
import type { RecordKey, RecordKind, Versioned } from "./record-kind";

/**
 * The record's current version: the later of its latest claim and its projection
 * row. The projection can be ahead (rows written before this module, or by a
 * loader that sets versions itself); it is behind only when a winner died between
 * its claim and its projection write, and then the claim is applied here, so a
 * record is never stuck on a version nobody finished.
 */
export async function currentRecord<S>(ch: ClickHouseClient, kind: RecordKind<S>, key: RecordKey): Promise<Versioned<S>> {
  const [projection, claim] = await Promise.all([kind.readProjection(ch, key), latestClaim(ch, kind.kind, key, kind.stateSchema)]);
  if (claim && claim.version > (projection?.version ?? 0)) return applyClaim(ch, kind, key, claim);
  if (!projection) throw new NotFound(kind.describe(key.recordId));
  return projection;
}

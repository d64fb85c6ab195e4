import { createHash } from "node:crypto";
import type { RecordKey } from "./record-kind";

/**
 * Names derived from (tenant, kind, record, version). JSON arrays keep the parts
 * apart, so no id containing a separator can make two keys collide.
 */

/** The claim insert's deduplication token: ClickHouse keeps only the first block carrying it. */
export function claimToken(kind: string, key: RecordKey, version: number): string {
  return JSON.stringify(["record_versions", key.tenantId, kind, key.recordId, version]);
}

/** The in-process lock's key: one edit of a record at a time in this process. */
export function lockKey(kind: string, key: RecordKey): string {
  return JSON.stringify([key.tenantId, kind, key.recordId]);
}

/**
 * The audit row id of a version, derived rather than random, so a repair that
 * writes the row again writes the same row (an RFC 9562 version 8 UUID: custom,
 * from a SHA-256 of the key).
 */
export function auditId(kind: string, key: RecordKey, version: number): string {
  const b = createHash("sha256")
    .update(JSON.stringify(["audit", key.tenantId, kind, key.recordId, version]))
    .digest()
    .subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x80;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

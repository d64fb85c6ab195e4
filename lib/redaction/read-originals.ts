import { randomUUID } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { writeAudit, type Actor } from "@/lib/audit/write-audit";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";
import type { RedactionSpan } from "./kinds";

export const ORIGINALS_READ_ACTION = "transcript_originals.read";

const SQL = `
SELECT segment_index AS segmentIndex, toUnixTimestamp64Milli(at) AS at, text, words, redactions
FROM transcript_originals FINAL
WHERE tenant_id = {tenantId:String} AND recording_id = {recordingId:String}
ORDER BY segment_index`;

const rowSchema = z.object({ segmentIndex: sqlNumber, at: sqlNumber, text: z.string(), words: z.array(z.string()), redactions: z.string() });

export type OriginalSegmentView = { segmentIndex: number; at: number; text: string; words: string[]; redactions: RedactionSpan[] };

/**
 * A recording's segments as they were before masking (kept only when the settings say
 * so). Admins only, and every read is in the audit log: these hold card numbers.
 */
export async function readOriginalSegments(ch: ClickHouseClient, tenantId: string, recordingId: string, actor: Actor): Promise<OriginalSegmentView[]> {
  const rows = await queryRows(ch, SQL, { tenantId, recordingId }, rowSchema);
  await writeAudit(ch, {
    tenantId,
    id: randomUUID(),
    at: Date.now(),
    actor,
    action: ORIGINALS_READ_ACTION,
    target: `recording:${recordingId}`,
    details: { segments: rows.length },
  });
  return rows.map((r) => ({ ...r, redactions: JSON.parse(r.redactions) as RedactionSpan[] }));
}

import type { ClickHouseClient } from "@clickhouse/client";
import { storeInsert } from "@/lib/store/store-call";
import type { OriginalSegment } from "./redact-events";

/**
 * transcript_originals (migration 0021): segments as they were before masking, kept only
 * when the redaction settings say so. Nothing outside the admin-only reader reads it.
 * Written by the ingest pipeline beside the masked events; a repeat is the same row.
 */
export async function writeOriginalSegments(ch: ClickHouseClient, rows: readonly OriginalSegment[]): Promise<void> {
  if (rows.length === 0) return;
  await storeInsert(
    ch,
    "transcript_originals",
    rows.map((r) => ({
      tenant_id: r.tenantId,
      event_id: r.eventId,
      call_id: r.callId,
      recording_id: r.recordingId,
      segment_index: r.segmentIndex,
      at: r.time,
      text: r.text,
      words: r.words,
      redactions: JSON.stringify(r.redactions),
    })),
    { kind: "ingest" },
  );
}

import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { queryRows, sqlNumber } from "@/lib/store/query-rows";

/** One transcript segment as the call page shows it: times in ms from the recording's start. */
export type TranscriptWord = { t: string; s: number; e: number };
export type TranscriptSegment = { index: number; speaker: string; channel: number; startMs: number; endMs: number; text: string; words: TranscriptWord[] };

const SEGMENTS_SQL = `
SELECT segment_index AS idx, speaker, channel, start_ms AS startMs, end_ms AS endMs, text, words, word_starts AS starts, word_ends AS ends
FROM transcript_segments FINAL
WHERE tenant_id = {tenantId:String} AND call_id = {callId:String} AND recording_id = {recordingId:String}
ORDER BY start_ms, segment_index`;

/** A segment's text and words as read back (start_ms AS startMs, end_ms AS endMs, word_starts AS starts, word_ends AS ends); search reads them too. */
export const segmentWordsShape = {
  startMs: sqlNumber,
  endMs: sqlNumber,
  text: z.string(),
  words: z.array(z.string()),
  starts: z.array(sqlNumber),
  ends: z.array(sqlNumber),
};

const row = z.object({ idx: sqlNumber, speaker: z.string(), channel: sqlNumber, ...segmentWordsShape });

/**
 * A segment's words with their times. A segment stored without word times (a
 * platform that sends text only) is spread over its span evenly by length, so the
 * page can still highlight and seek roughly; the stored text stays the truth.
 */
export function segmentWords(r: {
  startMs: number;
  endMs: number;
  text: string;
  words: readonly string[];
  starts: readonly number[];
  ends: readonly number[];
}): TranscriptWord[] {
  if (r.words.length > 0 && r.starts.length === r.words.length && r.ends.length === r.words.length) {
    return r.words.map((t, i) => ({ t, s: r.starts[i] ?? r.startMs, e: r.ends[i] ?? r.endMs }));
  }
  const tokens = r.text.split(/\s+/).filter(Boolean);
  const total = tokens.reduce((n, t) => n + t.length, 0) || 1;
  const span = Math.max(0, r.endMs - r.startMs);
  let at = r.startMs;
  return tokens.map((t) => {
    const s = at;
    at += (span * t.length) / total;
    return { t, s: Math.round(s), e: Math.round(at) };
  });
}

export async function readTranscript(ch: ClickHouseClient, tenantId: string, callId: string, recordingId: string): Promise<TranscriptSegment[]> {
  const rows = await queryRows(ch, SEGMENTS_SQL, { tenantId, callId, recordingId }, row);
  return rows.map((r) => ({ index: r.idx, speaker: r.speaker, channel: r.channel, startMs: r.startMs, endMs: r.endMs, text: r.text, words: segmentWords(r) }));
}

-- A transcript segment without `channel` (a producer that does not say which channel its words
-- are on) was silenced on channel 0 only: JSONExtractUInt gives 0 for a missing key, so on a
-- stereo recording the card number read on the other channel stayed audible. Such a segment's
-- redaction spans are now written with channel 255, which the readers (lib/redaction/
-- spans-for-recording.ts) take as "every channel": privacy first, a few seconds of the other
-- party's audio silenced too. Deriving the channel from the speaker and the recording's channel
-- roles was not chosen: a speaker label the producer got wrong would leave the digits audible.
DROP VIEW IF EXISTS mv_transcript_redactions;

CREATE MATERIALIZED VIEW IF NOT EXISTS mv_transcript_redactions TO transcript_redactions AS
SELECT tenantId AS tenant_id, callId AS call_id,
    JSONExtractString(data, 'recordingId') AS recording_id,
    toUInt32(JSONExtractUInt(data, 'segmentIndex')) AS segment_index,
    if(JSONHas(data, 'channel'), toUInt8(JSONExtractUInt(data, 'channel')), 255) AS channel,
    arrayMap(r -> JSONExtractString(r, 'kind'), JSONExtractArrayRaw(data, 'redactions')) AS kinds,
    arrayMap(r -> if(length(JSONExtractArrayRaw(data, 'words')) = 0, toUInt32(JSONExtractUInt(data, 'startMs')),
        toUInt32(JSONExtractUInt(JSONExtractArrayRaw(data, 'words')[JSONExtractUInt(r, 'from') + 1], 's'))),
        JSONExtractArrayRaw(data, 'redactions')) AS starts_ms,
    arrayMap(r -> if(length(JSONExtractArrayRaw(data, 'words')) = 0, toUInt32(JSONExtractUInt(data, 'endMs')),
        toUInt32(JSONExtractUInt(JSONExtractArrayRaw(data, 'words')[JSONExtractUInt(r, 'to')], 'e'))),
        JSONExtractArrayRaw(data, 'redactions')) AS ends_ms
FROM cti_events_in WHERE type = 'transcript.segment' AND length(JSONExtractArrayRaw(data, 'redactions')) > 0;

-- The rows written before for such segments stay, and are corrected: the same key written again
-- with channel 255 replaces them (ReplacingMergeTree keeps the last insert; readers use FINAL).
-- Reads only stored segments with spans and no channel; running it twice writes the same rows.
INSERT INTO transcript_redactions (tenant_id, call_id, recording_id, segment_index, channel, kinds, starts_ms, ends_ms)
SELECT tenant_id, call_id,
    JSONExtractString(data, 'recordingId') AS recording_id,
    toUInt32(JSONExtractUInt(data, 'segmentIndex')) AS segment_index,
    toUInt8(255) AS channel,
    arrayMap(r -> JSONExtractString(r, 'kind'), JSONExtractArrayRaw(data, 'redactions')) AS kinds,
    arrayMap(r -> if(length(JSONExtractArrayRaw(data, 'words')) = 0, toUInt32(JSONExtractUInt(data, 'startMs')),
        toUInt32(JSONExtractUInt(JSONExtractArrayRaw(data, 'words')[JSONExtractUInt(r, 'from') + 1], 's'))),
        JSONExtractArrayRaw(data, 'redactions')) AS starts_ms,
    arrayMap(r -> if(length(JSONExtractArrayRaw(data, 'words')) = 0, toUInt32(JSONExtractUInt(data, 'endMs')),
        toUInt32(JSONExtractUInt(JSONExtractArrayRaw(data, 'words')[JSONExtractUInt(r, 'to')], 'e'))),
        JSONExtractArrayRaw(data, 'redactions')) AS ends_ms
FROM cti_events
WHERE type = 'transcript.segment' AND position(data, '"redactions"') > 0
    AND length(JSONExtractArrayRaw(data, 'redactions')) > 0 AND NOT JSONHas(data, 'channel');

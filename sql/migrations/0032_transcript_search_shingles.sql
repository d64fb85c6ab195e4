-- A phrase of common words that occurs nowhere read the whole period's text: every one of
-- its words is in every granule, so the word index (0024's norm_tokens) skipped nothing.
-- This index holds each segment's adjacent word pairs and triples, glued into tokens
-- (lib/transcripts/search-shingles.ts says why and how; its NORM_SHINGLES_SQL is this
-- expression, character for character, since a query uses the index only when it names it).
-- The expression is computed from norm_text, so nothing more is stored per row: the cost is
-- the index itself, about 8 bytes per segment's word (docs/recordings.md).
--
-- Existing parts get the index by a background mutation; until it is done they are searched
-- as before (the index only skips, it never decides a match).
ALTER TABLE transcript_search ADD INDEX IF NOT EXISTS norm_shingles arrayStringConcat(arrayConcat(arrayMap((a, b) -> concat(a, b), arrayPopBack(splitByChar(' ', trimBoth(norm_text))), arrayPopFront(splitByChar(' ', trimBoth(norm_text)))), arrayMap((a, b, c) -> concat(a, b, c), arrayPopBack(arrayPopBack(splitByChar(' ', trimBoth(norm_text)))), arrayPopFront(arrayPopBack(splitByChar(' ', trimBoth(norm_text)))), arrayPopFront(arrayPopFront(splitByChar(' ', trimBoth(norm_text)))))), ' ') TYPE tokenbf_v1(65536, 2, 0) GRANULARITY 1;

ALTER TABLE transcript_search MATERIALIZE INDEX norm_shingles;

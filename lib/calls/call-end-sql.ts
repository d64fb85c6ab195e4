/**
 * How each call went, aggregated over its events grouped by call_id: whether an agent talked
 * with the other party (call.established), the cause its end gave, and whether it has ended
 * (call.cleared or call.failed). For queries over cti_events (the callback list, a call's callbacks).
 */
export const CALL_END_COLUMNS = `countIf(type = 'call.established') > 0 AS connected,
  anyIf(JSONExtractString(data, 'cause'), type IN ('call.failed', 'call.cleared')) AS end_cause,
  countIf(type IN ('call.cleared', 'call.failed')) > 0 AS ended`;

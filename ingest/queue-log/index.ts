import { QueueLogMapper, type MapResult, type QueueLogMapperOptions } from "./mapper";

/**
 * Asterisk queue_log importer core: text in, CTI events and line errors out.
 * Reading files and handing events to the ingest pipeline is the caller's job.
 */

/** A whole queue_log text -> events (in line order) and the lines that could not be used. */
export function importQueueLog(text: string, opts: QueueLogMapperOptions): MapResult {
  const mapper = new QueueLogMapper(opts);
  const out: MapResult = { events: [], errors: [] };
  // Loops, not push(...spread): a big log's results would overflow the call stack.
  const add = (r: MapResult) => {
    for (const e of r.events) out.events.push(e);
    for (const e of r.errors) out.errors.push(e);
  };
  const lines = text.split("\n");
  // A final newline ends the last line rather than starting an empty one.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  lines.forEach((line, i) => add(mapper.push(line, i + 1)));
  add(mapper.flush());
  return out;
}

export { defaultAgentId, type AgentIdNormaliser } from "./agent-id";
export { nameBasedUuid } from "./event-id";
export { QueueLogMapper, type MapResult, type QueueLogMapperOptions } from "./mapper";
export { parseLine } from "./parse-line";
export { IGNORED_EVENTS, MAPPED_EVENTS, type LineError, type LineErrorReason, type ParsedLine, type QueueLogRecord } from "./record";

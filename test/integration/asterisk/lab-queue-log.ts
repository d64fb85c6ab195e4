import type { ClickHouseClient } from "@clickhouse/client";
import { QueueLogMapper } from "@/ingest/queue-log";
import { readLines } from "@/ingest/queue-log/line-source";
import { storeSink } from "@/ingest/queue-log/sinks";
import type { CtiEvent } from "@/lib/events";

/**
 * npm run import:queue-log's path for a copy of the lab's queue_log (the lines a test's run wrote):
 * lines -> mapper -> the pipeline, into the store. Returns the lines the mapper refused.
 */
export async function importLabQueueLog(ch: ClickHouseClient, tenantId: string, file: string): Promise<{ reason: string }[]> {
  const mapper = new QueueLogMapper({ tenantId, source: "asterisk://lab", wrapUpSeconds: 0 });
  const sink = storeSink(ch, file, 65_536);
  const events: CtiEvent[] = [];
  const lineErrors: { reason: string }[] = [];
  for await (const next of readLines(file, { follow: false })) {
    if (!next) break;
    if ("error" in next) {
      lineErrors.push(next.error);
      continue;
    }
    const r = mapper.push(next.line, next.lineNo);
    events.push(...r.events);
    lineErrors.push(...r.errors);
  }
  const last = mapper.flush();
  events.push(...last.events);
  lineErrors.push(...last.errors);
  await sink.events(events);
  return lineErrors;
}

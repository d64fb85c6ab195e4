import type { ClickHouseClient } from "@clickhouse/client";
import { z } from "zod";
import { InvalidInput } from "@/lib/errors/domain-errors";
import { getQueueKpis } from "@/lib/kpi";
import { importRecordings } from "@/lib/recordings/import/import-directory";
import { recordingServices } from "@/lib/recordings/media/services";
import { MAX_OPERATOR_QUERY_CHARS } from "@/lib/store/operator-sql/operator-query-text";
import { runOperatorQuery } from "@/lib/store/operator-sql/run-operator-query";
import { directorySource, type RecordingSource } from "@/lib/recordings/import/recording-source";
import { writeDeadLetters, type DeadLetterRow, type IngestPipeline } from "@/ingest/pipeline";

/** One thing the operator socket answers: a JSON body in, a JSON answer out. A ZodError or InvalidInput is the caller's 400. */
export type OperatorRoute = { maxBodyBytes: number; run(body: unknown): Promise<unknown> };
export type OperatorRoutes = Record<string, OperatorRoute>;
export type OperatorDeps = {
  ch: ClickHouseClient;
  pipeline: IngestPipeline;
  /** The platform's own recordings (Asterisk's through ARI), when it can hand them over. */
  platformRecordings?: (options: { lookbackMs?: number }) => RecordingSource;
};

const MiB = 1024 * 1024;
const source = z.string().min(1).max(4096);

const sqlBody = z.object({ sql: z.string().min(1).max(MAX_OPERATOR_QUERY_CHARS) });
const ingestBody = z.object({ source, events: z.array(z.unknown()).max(10_000) });
const deadLetterRow = z.object({
  id: z.string(),
  received_at: z.number(),
  source: z.string(),
  reason: z.string(),
  detail: z.string(),
  payload_base64: z.string(),
  payload_size: z.number(),
  original_size: z.number(),
  topic: z.string(),
  partition: z.number(),
  offset: z.string(),
  message_key: z.string(),
  headers: z.string(),
}) satisfies z.ZodType<DeadLetterRow>;
const deadLettersBody = z.object({ source, rows: z.array(deadLetterRow).max(10_000) });
// The KPI engine checks the period itself (periodSchema); this only says which tenant's.
const kpiQueuesBody = z.object({ tenantId: z.string(), from: z.number(), to: z.number(), queueIds: z.array(z.string()) });
const recordingsBody = z.object({
  tenantId: z.string().min(1),
  platform: z.enum(["asterisk", "freeswitch"]),
  layout: z.enum(["caller,agent", "agent,caller"]),
  settleMs: z.number().int().min(0),
  // A directory the server reads (it runs as the same user), or the platform's own recordings (import:recordings --from ari).
  from: z.union([z.object({ dir: z.string().min(1) }), z.object({ platform: z.literal(true) })]),
});

/**
 * What the command-line tools ask a running server for (server/operator-socket.ts).
 * Imports go through the server's own ingest pipeline, so they are deduplicated,
 * dead-lettered and heard by the live floor exactly like the server's own events;
 * reads use the same modules as the dashboards.
 */
export function operatorRoutes({ ch, pipeline, platformRecordings }: OperatorDeps): OperatorRoutes {
  return {
    "/hello": { maxBodyBytes: 1024, run: async () => ({ pid: process.pid }) },
    "/sql": {
      maxBodyBytes: MAX_OPERATOR_QUERY_CHARS * 4 + 1024,
      run: async (body) => {
        const { sql } = sqlBody.parse(body);
        try {
          return { rows: await runOperatorQuery(ch, sql) };
        } catch (e) {
          // A refusal, or the engine's own complaint about the query (unknown column, a limit reached): the operator's to read.
          throw new InvalidInput((e as Error).message);
        }
      },
    },
    "/ingest": {
      // A batch of events at the largest size the pipeline accepts each (INGEST_MAX_EVENT_BYTES) is cut by the client.
      maxBodyBytes: 64 * MiB,
      run: async (body) => {
        const b = ingestBody.parse(body);
        const r = await pipeline.ingest(b.events.map((object) => ({ payload: { object }, origin: { source: b.source } })));
        return { inserted: r.inserted, alreadyStored: r.alreadyStored, deadLettered: r.deadLettered };
      },
    },
    "/dead-letters": {
      maxBodyBytes: 64 * MiB,
      run: async (body) => {
        const b = deadLettersBody.parse(body);
        await writeDeadLetters(ch, b.rows, b.source);
        return { stored: b.rows.length };
      },
    },
    "/kpi/queues": {
      maxBodyBytes: 64 * 1024,
      run: async (body) => ({ queues: await getQueueKpis(ch, kpiQueuesBody.parse(body)) }),
    },
    "/recordings/import": {
      maxBodyBytes: 64 * 1024,
      run: async (body) => {
        const b = recordingsBody.parse(body);
        let from: RecordingSource;
        if ("dir" in b.from) from = directorySource(b.from.dir);
        else if (platformRecordings) from = platformRecordings({});
        else throw new InvalidInput("the running server's platform cannot hand over recordings: --from ari beside it needs TELEPHONY=asterisk (with ARI) on the server");
        return importRecordings(
          { ch, tenantId: b.tenantId, services: recordingServices() },
          { source: from, platform: b.platform, layout: b.layout, settleMs: b.settleMs },
        );
      },
    },
  };
}

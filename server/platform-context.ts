import type { ClickHouseClient } from "@clickhouse/client";
import type { CtiEvent } from "@/lib/events";
import { loadFloorEvents } from "@/lib/live/store/load-events";
import { floorWindow } from "@/lib/live/window";
import type { BackfillReporter, PlatformContext } from "@/ingest/platform";
import { lastStoredTime, writeDirectory, type IngestPipeline, type InboundMessage, type InProcessSource } from "@/ingest/pipeline";

export type PlatformContextDeps = {
  ch: ClickHouseClient;
  tenantId: string;
  pipeline: IngestPipeline;
  source: InProcessSource;
  /** Names the platform on its messages (dead letters say where they came from). */
  origin: string;
  backfill: BackfillReporter;
  log: (line: string) => void;
};

/** Where a platform adapter's output goes in this process, and what it may ask the store. */
export function platformContext(deps: PlatformContextDeps): PlatformContext {
  const { ch, tenantId, pipeline, source, log } = deps;
  const origin = { source: deps.origin };
  const toMessages = (events: readonly CtiEvent[]): InboundMessage[] => events.map((e) => ({ payload: { object: e }, origin }));
  return {
    events: {
      // Straight to the store, awaited: the adapter's whole batch is one insert, and it runs no further ahead than the store.
      history: async (events) => {
        await pipeline.ingest(toMessages(events));
      },
      // Buffered: the source flushes on size or time and retries a failed flush, so a trickle makes few inserts.
      live: (events) => source.push(toMessages(events)),
    },
    directory: async (directory) => {
      const written = await writeDirectory(ch, tenantId, directory);
      if (written.queues + written.agents > 0) log(`directory: ${written.queues} queue(s) and ${written.agents} agent(s) written`);
    },
    storedUntil: () => lastStoredTime(ch, tenantId),
    recentEvents: (at, source) => loadFloorEvents(ch, tenantId, floorWindow(at, "UTC"), true, source),
    backfill: deps.backfill,
    log,
  };
}

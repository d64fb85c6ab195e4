import type { ClickHouseClient } from "@clickhouse/client";
import { NO_CAPABILITIES, type PlatformAdapter, type PlatformCapabilities } from "@/ingest/platform";
import type { IngestPipeline, InProcessSource } from "@/ingest/pipeline";
import type { RuntimeStatus } from "@/lib/runtime/status";
import { setTelephony } from "@/lib/telephony/registry";
import { backfillStatus } from "./backfill-status";
import { platformContext } from "./platform-context";

export type RunningTelephony = { name: string; capabilities: PlatformCapabilities; stop(): Promise<void> };

export type TelephonyDeps = {
  ch: ClickHouseClient;
  tenantId: string;
  pipeline: IngestPipeline;
  source: InProcessSource;
  status: RuntimeStatus;
  /** Prefixed with `label` (the TELEPHONY value) on every line. */
  label: string;
  log: (line: string) => void;
};

/**
 * Starts the platform adapter in the background, so the web server answers while the
 * platform fills the history; its progress and live state go to the runtime status.
 * Without an adapter (TELEPHONY=none) nothing runs and nothing can be commanded.
 */
export function startTelephony(adapter: PlatformAdapter | undefined, deps: TelephonyDeps): RunningTelephony {
  if (!adapter) return { name: "none", capabilities: NO_CAPABILITIES, stop: async () => undefined };
  const { status } = deps;
  const log = (line: string) => deps.log(`${deps.label}: ${line}`);
  const backfill = backfillStatus(status, log);
  const ctx = platformContext({ ...deps, origin: adapter.name, backfill, log });
  let stopping = false;
  // Route handlers reach the platform's commands through the registry (lib/telephony/registry.ts).
  setTelephony({ name: adapter.name, capabilities: adapter.capabilities, commands: adapter.commands });
  const running = adapter.start(ctx).then(
    () => {
      if (!stopping) status.live = { state: "running", since: Date.now() };
    },
    (e: unknown) => {
      backfill.failed(e);
      console.error(`${deps.label}: ${adapter.name} could not start`, e);
    },
  );
  return {
    name: adapter.name,
    capabilities: adapter.capabilities,
    stop: async () => {
      stopping = true;
      setTelephony(undefined);
      await adapter.stop();
      await running;
      status.live = { state: "off" };
    },
  };
}

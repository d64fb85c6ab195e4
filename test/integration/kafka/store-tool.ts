/**
 * Runs in its own process (node --import tsx), because chDB binds one data
 * directory per process and the Kafka tests look at several stores:
 *   store-tool.ts ingest-sim DATA_DIR TENANT SEED FROM TO   ingest a simulated range in-process
 *   store-tool.ts kpis DATA_DIR TENANT FROM TO              print the KPI summary as JSON
 *   store-tool.ts audit DATA_DIR TENANT                     print ids and counts as JSON
 */
import { parseEnv } from "@/lib/env";
import { getClickHouse, closeClickHouse } from "@/lib/store/client";
import { migrate } from "@/sql/migrate";
import { getKpiSummary } from "@/lib/kpi";
import { IngestPipeline } from "@/ingest/pipeline/pipeline";
import { ContactCentreSim, loadSimulatorConfig } from "@/ingest/simulator";
import { storedDerivedSums } from "../helpers/derived-sums";

async function rows<T>(dataDir: string, query: string, params: Record<string, unknown>): Promise<T[]> {
  const ch = await getClickHouse(parseEnv({ DATA_DIR: dataDir }));
  return (await ch.query({ query, query_params: params, format: "JSONEachRow" })).json<T>();
}

async function main(): Promise<void> {
  const [command, dataDir = "", tenant = "", ...rest] = process.argv.slice(2);
  const ch = await getClickHouse(parseEnv({ DATA_DIR: dataDir }));
  await migrate(ch);
  if (command === "ingest-sim") {
    const [seed, from, to] = rest.map(Number) as [number, number, number];
    const events = new ContactCentreSim({ ...loadSimulatorConfig(), tenantId: tenant }, { seed, startTime: from }).advanceTo(to);
    const pipeline = new IngestPipeline(ch, { maxEventBytes: 65536, origin: "test" });
    for (let i = 0; i < events.length; i += 20_000) {
      await pipeline.ingest(events.slice(i, i + 20_000).map((e) => ({ payload: { object: e }, origin: { source: "test" } })));
    }
    console.log(JSON.stringify({ events: events.length }));
  } else if (command === "kpis") {
    const [from, to] = rest.map(Number) as [number, number];
    console.log(JSON.stringify(await getKpiSummary(ch, { tenantId: tenant, from, to })));
  } else if (command === "audit") {
    const p = { t: tenant };
    const ids = await rows<{ id: string }>(dataDir, "SELECT toString(event_id) AS id FROM cti_events WHERE tenant_id = {t:String}", p);
    const [legs] = await rows<{ legs: string }>(dataDir, "SELECT uniqExact(leg_id) AS legs FROM contact_segments WHERE tenant_id = {t:String} AND outcome != ''", p);
    const [segments] = await rows<{ n: string }>(dataDir, "SELECT count() AS n FROM transcript_segments WHERE tenant_id = {t:String}", p);
    const derived = await storedDerivedSums(ch, tenant);
    console.log(JSON.stringify({ ids: ids.map((r) => r.id), exitedLegs: Number(legs?.legs ?? 0), transcriptSegments: Number(segments?.n ?? 0), derived }));
  } else {
    throw new Error(`unknown command ${command}`);
  }
  await closeClickHouse();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

import type { ClickHouseClient } from "@clickhouse/client";
import { parseEnv, type Env } from "@/lib/env";
import type { CtiEvent } from "@/lib/events";
import { ContactCentreSim, loadSimulatorConfig } from "@/ingest/simulator";
import { startRuntime } from "@/server/runtime";
import { createProducer } from "@/ingest/kafka/kafkajs-adapter";
import { eventKey } from "@/ingest/kafka/event-key";
import { createTopic, ensureBroker } from "../helpers/kafka";
import { queryRows, testStore } from "../helpers/store";

/**
 * The single-process mode's test ground (single-process*.test.ts): an embedded store, a fresh
 * 4-partition topic, the web server's runtime consuming it, and six simulated hours of the
 * tenant's events ready to send.
 */
export type SingleProcess = {
  env: Env;
  ch: ClickHouseClient;
  events: CtiEvent[];
  runtime: Awaited<ReturnType<typeof startRuntime>>;
  /** Sends events to the topic, keyed as producers key them. */
  send(events: readonly CtiEvent[]): Promise<void>;
  /** Events of the tenant in cti_events. */
  count(): Promise<number>;
};

export async function startSingleProcess(tenantId: string, seed: number, extraEnv: Record<string, string> = {}): Promise<SingleProcess> {
  const brokers = await ensureBroker();
  const { env: storeEnv, ch } = await testStore();
  const topic = `${tenantId}-${process.pid}-${Date.now()}`;
  await createTopic(brokers, topic, 4);
  const env = parseEnv({
    DATA_DIR: storeEnv.DATA_DIR,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC: topic,
    KAFKA_GROUP_ID: `${topic}-g`,
    KAFKA_TOPIC_PARTITIONS: "4",
    TENANT_ID: tenantId,
    ...extraEnv,
  });
  const runtime = await startRuntime(env, () => undefined);
  const sim = new ContactCentreSim({ ...loadSimulatorConfig(), tenantId }, { seed, startTime: Date.now() - 6 * 3_600_000 });
  const events = sim.advanceTo(Date.now() - 60_000);
  const send = async (es: readonly CtiEvent[]) => {
    const producer = await createProducer({ brokers: [brokers], clientId: "t" });
    try {
      await producer.send(
        topic,
        es.map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })),
      );
    } finally {
      await producer.stop();
    }
  };
  const count = async () => Number((await queryRows<{ n: string }>(ch, "SELECT count() n FROM cti_events WHERE tenant_id = {t:String}", { t: tenantId }))[0]?.n ?? 0);
  return { env, ch, events, runtime, send, count };
}

import { getEnv } from "../lib/env";
import type { CtiEvent } from "../lib/events";
import { closeClickHouse, getClickHouse } from "../lib/store/client";
import { migrate } from "../sql/migrate";
import {
  catchUp,
  ContactCentreSim,
  DEFAULT_CHUNK_MS,
  loadSimulatorConfig,
  runSeed,
  simulatorDirectory,
  startLiveSimulator,
  type SimulatorConfig,
} from "../ingest/simulator";
import { IngestPipeline, writeDirectory } from "../ingest/pipeline";
import { createAdmin, createProducer } from "../ingest/kafka/kafkajs-adapter";
import { eventKey } from "../ingest/kafka/event-key";
import { runCli } from "./run-cli";

/**
 * npm run simulate -- [--kafka] [--backfill-days N] [--rate N] [--events N] [--seed N] [--tenant ID]
 *
 * Runs the simulated contact centre and sends its events to Kafka (--kafka, keyed by
 * callId / agentId) or straight into the configured store.
 *   --backfill-days N  simulate the last N days as fast as possible, then stop
 *   --rate N           after any backfill, keep producing at about N events/s, the
 *                      simulated clock running as fast as needed (a load generator;
 *                      event times then run ahead of the wall clock)
 *   without --rate     after any backfill, continue in real time until interrupted
 *   --events N         stop after N events
 */
type Args = { kafka: boolean; backfillDays: number; rate?: number; events: number; seed?: number; tenant?: string };

function parseArgs(argv: string[]): Args {
  const args: Args = { kafka: false, backfillDays: 0, events: Number.POSITIVE_INFINITY };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a non-negative number`);
      return v;
    };
    if (a === "--kafka") args.kafka = true;
    else if (a === "--backfill-days") args.backfillDays = num();
    else if (a === "--rate") args.rate = num();
    else if (a === "--events") args.events = num();
    else if (a === "--seed") args.seed = num();
    else if (a === "--tenant") args.tenant = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

type Sink = { send(events: CtiEvent[]): Promise<void>; close(): Promise<void> };

async function kafkaSink(): Promise<Sink> {
  const env = getEnv();
  if (env.kafkaBrokers.length === 0) throw new Error("KAFKA_BROKERS: required with --kafka");
  const connection = { brokers: env.kafkaBrokers, clientId: `${env.KAFKA_CLIENT_ID}-simulator` };
  const admin = await createAdmin(connection);
  await admin.ensureTopic(env.KAFKA_TOPIC, env.KAFKA_TOPIC_PARTITIONS);
  await admin.stop();
  const producer = await createProducer(connection);
  return {
    send: (events) =>
      producer.send(
        env.KAFKA_TOPIC,
        events.map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })),
      ),
    close: () => producer.stop(),
  };
}

async function storeSink(config: SimulatorConfig): Promise<Sink> {
  const env = getEnv();
  const ch = await getClickHouse(env);
  await migrate(ch);
  await writeDirectory(ch, config.tenantId, simulatorDirectory(config));
  const pipeline = new IngestPipeline(ch, { maxEventBytes: env.INGEST_MAX_EVENT_BYTES, maxFutureMs: env.INGEST_MAX_FUTURE_MS, origin: "simulate" });
  return {
    send: async (events) => {
      await pipeline.ingest(events.map((e) => ({ payload: { object: e }, origin: { source: "simulator" } })));
    },
    close: () => closeClickHouse(),
  };
}

/** Events per send (one produce request, or one store insert) while catching up. */
const SEND_BATCH = 5000;
const TICK_MS = 100;

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const env = getEnv();
  const config = { ...loadSimulatorConfig(env.SIM_CONFIG), tenantId: args.tenant ?? env.TENANT_ID };
  const sink = args.kafka ? await kafkaSink() : await storeSink(config);
  const start = Date.now() - args.backfillDays * 86_400_000;
  const sim = new ContactCentreSim(config, { seed: args.seed ?? runSeed(env.SIM_SEED, start), startTime: start });
  let sent = 0;
  let interrupted = false;
  process.on("SIGINT", () => (interrupted = true));
  process.on("SIGTERM", () => (interrupted = true));
  const finished = () => interrupted || sent >= args.events;
  const emit = async (events: CtiEvent[]) => {
    const room = Math.min(events.length, args.events - sent);
    if (room > 0) await sink.send(events.slice(0, room));
    sent += room;
  };

  // The embedded server's simulated PBX catches up with this same loop.
  await catchUp(sim, { now: Date.now, batchSize: SEND_BATCH, chunkMs: DEFAULT_CHUNK_MS, slackMs: TICK_MS, deliver: emit, stopped: finished });
  if (args.backfillDays > 0) console.log(`simulate: backfill sent ${sent.toLocaleString("en")} events`);
  if (args.backfillDays > 0 && args.rate === undefined) {
    await sink.close();
    return;
  }

  if (args.rate === undefined) {
    // A send that fails ends the run, as it does while catching up: events are never skipped silently.
    let failure: unknown;
    const live = startLiveSimulator({ sim, onEvents: emit, tickMs: TICK_MS, onError: (e) => (failure ??= e) });
    while (!finished() && failure === undefined) await new Promise((r) => setTimeout(r, TICK_MS));
    await live.stop();
    if (failure !== undefined) throw failure;
  } else {
    // A load generator: pace to `rate`, pulling simulated time forward as needed (event times then run ahead of the wall clock).
    const rate = args.rate;
    const startedAt = Date.now();
    const startSent = sent;
    // Simulated events not yet due for sending: kept, never dropped, so every call stays whole.
    const carry: CtiEvent[] = [];
    while (!finished()) {
      const due = startSent + Math.floor(((Date.now() - startedAt) / 1000) * rate) - sent;
      while (carry.length < due) carry.push(...sim.advanceTo(sim.now + 60_000));
      if (due > 0) await emit(carry.splice(0, due));
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
  }
  console.log(`simulate: sent ${sent.toLocaleString("en")} events`);
  await sink.close();
});

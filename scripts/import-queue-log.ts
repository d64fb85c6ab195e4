import path from "node:path";
import { getEnv } from "../lib/env";
import { closeClickHouse, getClickHouse } from "../lib/store/client";
import { migrate } from "../sql/migrate";
import { createAdmin, createProducer } from "../ingest/kafka/kafkajs-adapter";
import { QueueLogMapper, type MapResult } from "../ingest/queue-log";
import { readLines } from "../ingest/queue-log/line-source";
import { kafkaSink, storeSink, type ImportSink } from "../ingest/queue-log/sinks";
import { runCli } from "./run-cli";

/**
 * npm run import:queue-log -- FILE [--follow] [--kafka] [--source asterisk://pbx1] [--wrapup SECONDS]
 *
 * Reads an Asterisk queue_log and produces the equivalent CTI events: to Kafka
 * (--kafka, or whenever KAFKA_BROKERS is set) or straight into the configured
 * store. Lines it cannot use go to the dead-letter path with their line numbers;
 * it never stops on one. Re-importing a file stores nothing twice (the event ids
 * are derived from the lines). --follow keeps reading as Asterisk appends,
 * across log rotation, until interrupted.
 */
type Args = { file: string; follow: boolean; kafka: boolean; source: string; wrapUpSeconds: number };

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = { follow: false, kafka: false, source: "asterisk://pbx1", wrapUpSeconds: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--follow") args.follow = true;
    else if (a === "--kafka") args.kafka = true;
    else if (a === "--source") args.source = argv[++i];
    else if (a === "--wrapup") args.wrapUpSeconds = Number(argv[++i]);
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else args.file = a;
  }
  if (!args.file) throw new Error("usage: npm run import:queue-log -- FILE [--follow] [--kafka] [--source URI] [--wrapup SECONDS]");
  if (!Number.isFinite(args.wrapUpSeconds) || (args.wrapUpSeconds ?? 0) < 0) throw new Error("--wrapup needs a number of seconds");
  return args as Args;
}

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const env = getEnv();
  const file = path.resolve(args.file);
  let sink: ImportSink;
  let close: () => Promise<void>;
  if (args.kafka || env.kafkaBrokers.length > 0) {
    if (env.kafkaBrokers.length === 0) throw new Error("KAFKA_BROKERS: required with --kafka");
    const connection = { brokers: env.kafkaBrokers, clientId: `${env.KAFKA_CLIENT_ID}-queue-log` };
    const admin = await createAdmin(connection);
    await admin.ensureTopic(env.KAFKA_TOPIC, env.KAFKA_TOPIC_PARTITIONS);
    await admin.ensureTopic(env.dlqTopic, env.KAFKA_TOPIC_PARTITIONS);
    await admin.stop();
    const producer = await createProducer(connection);
    sink = kafkaSink(producer, env.KAFKA_TOPIC, env.dlqTopic, file);
    close = () => producer.stop();
  } else {
    const ch = await getClickHouse(env);
    await migrate(ch);
    sink = storeSink(ch, file, env.INGEST_MAX_EVENT_BYTES);
    close = () => closeClickHouse();
  }

  const mapper = new QueueLogMapper({
    tenantId: env.TENANT_ID,
    source: args.source,
    wrapUpSeconds: args.wrapUpSeconds,
    clock: { now: Date.now, maxFutureMs: env.INGEST_MAX_FUTURE_MS },
  });
  let stopped = false;
  process.on("SIGINT", () => (stopped = true));
  process.on("SIGTERM", () => (stopped = true));
  const pending: MapResult = { events: [], errors: [] };
  const totals = { lines: 0, events: 0, errors: 0 };
  const send = async () => {
    if (pending.events.length > 0) await sink.events(pending.events.splice(0));
    if (pending.errors.length > 0) await sink.lineErrors(pending.errors.splice(0));
  };
  for await (const next of readLines(file, { follow: args.follow, stopped: () => stopped })) {
    if (next === null) {
      // Caught up with the file: a live site should see its calls now, not at the next line.
      await send();
      if (stopped) break;
      continue;
    }
    totals.lines += 1;
    if ("error" in next) {
      // Not text (invalid UTF-8, or too long): a dead letter with its bytes as read, never a guess at its meaning.
      totals.errors += 1;
      pending.errors.push(next.error);
      continue;
    }
    const r = mapper.push(next.line, next.lineNo);
    totals.events += r.events.length;
    totals.errors += r.errors.length;
    for (const e of r.events) pending.events.push(e);
    for (const e of r.errors) pending.errors.push(e);
    if (pending.events.length >= 5000) await send();
    if (stopped) break;
  }
  const last = mapper.flush();
  for (const e of last.events) pending.events.push(e);
  for (const e of last.errors) pending.errors.push(e);
  totals.events += last.events.length;
  totals.errors += last.errors.length;
  await send();
  await close();
  console.log(`import:queue-log: ${totals.lines} lines, ${totals.events} events, ${totals.errors} lines dead-lettered`);
});

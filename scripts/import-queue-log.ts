import fs from "node:fs";
import path from "node:path";
import { getEnv } from "../lib/env";
import { createAdmin, createProducer } from "../ingest/kafka/kafkajs-adapter";
import { QueueLogMapper, defaultAgentId, parseLine, type MapResult } from "../ingest/queue-log";
import { AgentPairLearner, agentNormaliser, parseAgentMap, splitWarning, type LearnedAgents } from "../ingest/queue-log/agent-identity";
import { readLines } from "../ingest/queue-log/line-source";
import { OverlapFilter, expandLogArgs, orderLogFiles, readLogFile, type LogFile, type LogLine } from "../ingest/queue-log/log-files";
import { kafkaSink, storeSink, type ImportSink } from "../ingest/queue-log/sinks";
import { serverSink } from "../ingest/queue-log/server-sink";
import { runCli } from "./run-cli";
import { reachStore } from "./store-access";

/**
 * npm run import:queue-log -- FILE... [--follow] [--kafka] [--source asterisk://pbx1] [--wrapup SECONDS] [--agents FILE]
 *
 * Reads Asterisk queue_log files and produces the equivalent CTI events: to Kafka
 * (--kafka, or whenever KAFKA_BROKERS is set), into the running server's ingest
 * pipeline when `npm start` holds the embedded store (so the wallboard shows them at
 * once: scripts/store-access.ts), or straight into the configured store. Several files (globs and .gz allowed: a log and its rotations) are read as
 * one log in time order, so a call spanning a rotation keeps its state; lines one
 * file repeats from another are read once (ingest/queue-log/log-files.ts). Lines it
 * cannot use go to the dead-letter path with their file and line numbers; it never
 * stops on one. Re-importing stores nothing twice (the event ids are derived from the
 * lines), so the way to add a new rotation is to import it together with the one
 * before. --follow keeps reading the newest file as Asterisk appends, across log
 * rotation, until interrupted. Agents: --agents maps agent fields to ids; without
 * it, member names are paired with interfaces where the log shows it, and a log that
 * still looks split gets a warning (ingest/queue-log/agent-identity.ts). Beside a
 * server, --follow ends with the error when that server stops.
 */
type Args = { files: string[]; follow: boolean; kafka: boolean; source: string; wrapUpSeconds: number; agents?: string };

const USAGE = "usage: npm run import:queue-log -- FILE... [--follow] [--kafka] [--source URI] [--wrapup SECONDS] [--agents FILE]";

function parseArgs(argv: string[]): Args {
  const args: Args = { files: [], follow: false, kafka: false, source: "asterisk://pbx1", wrapUpSeconds: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--follow") args.follow = true;
    else if (a === "--kafka") args.kafka = true;
    else if (a === "--source") args.source = argv[++i] ?? "";
    else if (a === "--wrapup") args.wrapUpSeconds = Number(argv[++i]);
    else if (a === "--agents") args.agents = argv[++i];
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else args.files.push(a);
  }
  if (args.files.length === 0) throw new Error(USAGE);
  if (!Number.isFinite(args.wrapUpSeconds) || args.wrapUpSeconds < 0) throw new Error("--wrapup needs a number of seconds");
  if (args.agents === undefined && argv.includes("--agents")) throw new Error("--agents needs a file");
  return args;
}

/** The files' lines in order, overlaps dropped; with --follow the newest file is then followed (null: caught up). */
async function* logLines(files: readonly LogFile[], follow: boolean, stopped: () => boolean): AsyncGenerator<LogLine | null> {
  const overlap = new OverlapFilter();
  for (const [i, f] of files.entries()) {
    overlap.startFile(files[i + 1]?.firstEpoch ?? Number.MAX_SAFE_INTEGER);
    const last = i === files.length - 1;
    if (last && follow && !f.file.endsWith(".gz")) {
      for await (const next of readLines(f.file, { follow, stopped })) {
        if (next === null) yield null;
        else if ("error" in next || overlap.keep(next.line)) yield { file: f.file, ...next };
      }
      return;
    }
    for await (const next of readLogFile(f.file)) if ("error" in next || overlap.keep(next.line)) yield next;
  }
}

/** A first pass over the files: which member names the log pairs with which interfaces. */
async function learnAgents(files: readonly LogFile[]): Promise<LearnedAgents> {
  const learner = new AgentPairLearner();
  for await (const next of logLines(files, false, () => false)) {
    if (next === null || "error" in next) continue;
    const parsed = parseLine(next.line, next.lineNo);
    if (parsed.kind === "record") learner.push(parsed.record);
  }
  return learner.result();
}

runCli(async () => {
  const args = parseArgs(process.argv.slice(2));
  const env = getEnv();
  const files = await orderLogFiles(expandLogArgs(args.files));
  const label = files.length === 1 ? (files[0]?.file ?? "") : `${files[0]?.file ?? ""} (+${files.length - 1} files)`;
  const agentMap = args.agents === undefined ? new Map<string, string>() : parseAgentMap(fs.readFileSync(path.resolve(args.agents), "utf8"), args.agents);
  const learned = await learnAgents(files);
  for (const [name, iface] of learned.pairs) console.log(`import:queue-log: agent '${name}' is '${iface}' (learned from the log)`);
  const warning = splitWarning({
    names: learned.split.names.filter((n) => !agentMap.has(n)),
    interfaces: learned.split.interfaces.filter((i) => ![...agentMap.values()].includes(defaultAgentId(i))),
  });
  if (warning) console.warn(`import:queue-log: ${warning}`);

  let sink: ImportSink;
  let close: () => Promise<void>;
  let through = "";
  if (args.kafka || env.kafkaBrokers.length > 0) {
    if (env.kafkaBrokers.length === 0) throw new Error("KAFKA_BROKERS: required with --kafka");
    const connection = { brokers: env.kafkaBrokers, clientId: `${env.KAFKA_CLIENT_ID}-queue-log` };
    const admin = await createAdmin(connection);
    await admin.ensureTopic(env.KAFKA_TOPIC, env.KAFKA_TOPIC_PARTITIONS);
    await admin.ensureTopic(env.dlqTopic, env.KAFKA_TOPIC_PARTITIONS);
    await admin.stop();
    const producer = await createProducer(connection);
    sink = kafkaSink(producer, env.KAFKA_TOPIC, env.dlqTopic, label);
    close = () => producer.stop();
  } else {
    const store = await reachStore(env, { migrate: true });
    sink = store.via === "server" ? serverSink(store.dataDir, label) : storeSink(store.ch, label, env.INGEST_MAX_EVENT_BYTES);
    close = store.via === "server" ? async () => {} : store.close;
    if (store.via === "server") through = ", through the running server";
  }

  const mapper = new QueueLogMapper({
    tenantId: env.TENANT_ID,
    source: args.source,
    wrapUpSeconds: args.wrapUpSeconds,
    agentId: agentNormaliser(agentMap, learned.pairs),
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
  for await (const next of logLines(files, args.follow, () => stopped)) {
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
      pending.errors.push({ ...next.error, file: next.file });
      continue;
    }
    const r = mapper.push(next.line, next.lineNo);
    totals.events += r.events.length;
    totals.errors += r.errors.length;
    for (const e of r.events) pending.events.push(e);
    for (const e of r.errors) pending.errors.push({ ...e, file: next.file });
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
  console.log(`import:queue-log: ${files.length} file(s), ${totals.lines} lines, ${totals.events} events, ${totals.errors} lines dead-lettered${through}`);
});

import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Kafka, logLevel, type LogEntry } from "kafkajs";

/**
 * A real Apache Kafka broker for tests (never a mock).
 *
 * `ensureBroker()` returns `KAFKA_BROKERS` when it is set (CI or a developer pointing at an
 * existing cluster); otherwise it starts this checkout's single-node KRaft broker through
 * `infra/kafka/kafka.sh up` (idempotent, and safe when several vitest workers call it at once)
 * and returns its bootstrap address. The broker is left running for the next test run; `teardown`
 * below (usable as a vitest globalSetup module) stops it again if a test run started it.
 */

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const SCRIPT = path.join(ROOT, "infra", "kafka", "kafka.sh");
const WORK = process.env.KAFKA_WORK_DIR ?? path.join(ROOT, "infra", "kafka", ".work");
const LOCK = path.join(WORK, ".ensure-broker.lock");
/** kafka.sh writes this when a test run (rather than a person) started the broker. */
const STARTED_BY_TESTS = path.join(WORK, "started-by-tests");

const START_TIMEOUT_MS = 240_000;
const LOCK_TIMEOUT_MS = 300_000;

function runScript(args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, KAFKA_UP_BY_TESTS: "1" };
  return new Promise((resolve, reject) => {
    execFile("bash", [SCRIPT, ...args], { cwd: ROOT, env, timeout: timeoutMs, maxBuffer: 4 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`kafka.sh ${args.join(" ")} failed: ${error.message}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** mkdir is atomic: the process that creates the folder holds the lock. Stale locks (dead owner) are broken. */
async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(WORK, { recursive: true });
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, "owner"), String(process.pid));
      break;
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let owner = Number.NaN;
      try {
        owner = Number(fs.readFileSync(path.join(LOCK, "owner"), "utf8"));
      } catch {
        // the owner has created the folder but not written its pid yet
      }
      const age = Date.now() - (fs.statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if ((Number.isInteger(owner) && owner > 0 && !processAlive(owner)) || age > LOCK_TIMEOUT_MS) {
        fs.rmSync(LOCK, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`, { cause: error });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

let broker: Promise<string> | undefined;

/** Bootstrap servers ("host:port[,host:port]") of a running broker. */
export function ensureBroker(): Promise<string> {
  const fromEnv = process.env.KAFKA_BROKERS?.trim();
  if (fromEnv) return Promise.resolve(fromEnv);
  broker ??= withLock(async () => {
    const { stdout } = await runScript(["up"], START_TIMEOUT_MS);
    const lines = stdout.trim().split("\n");
    return lines[lines.length - 1] ?? `127.0.0.1:${process.env.KAFKA_PORT ?? "9092"}`;
  }).catch((error: unknown) => {
    broker = undefined;
    throw error;
  });
  return broker;
}

/**
 * For vitest's `globalSetup`: after the whole run, stop the broker if a test run started it
 * (a broker a developer started with `npm run kafka:up` is left alone). KAFKA_KEEP=1 keeps it.
 */
export async function teardown(): Promise<void> {
  if (process.env.KAFKA_BROKERS || process.env.KAFKA_KEEP === "1") return;
  if (!fs.existsSync(STARTED_BY_TESTS)) return;
  await runScript(["down"], 60_000);
}

/**
 * Errors kafkajs logs and then retries by itself, typically while a fresh broker creates
 * __consumer_offsets / __transaction_state on first use: not worth a line in the test output.
 */
const RETRIED =
  /coordinator is loading|coordinator is not available|leader not available|no leader for this topic-partition|not the controller|Metadata for topic .* is not available/i;

function testLogger(): (entry: LogEntry) => void {
  return ({ namespace, log }) => {
    const error: unknown = log.error;
    if (typeof error === "string" && RETRIED.test(error)) return;
    console.error(`[kafkajs ${namespace}] ${log.message}`, typeof error === "string" ? error : "");
  };
}

/** A kafkajs client for tests: quiet unless something goes wrong. */
export function kafkaClient(brokers: string, clientId = "cc-supervisor-test"): Kafka {
  return new Kafka({
    clientId,
    brokers: brokers
      .split(",")
      .map((b) => b.trim())
      .filter((b) => b.length > 0),
    logLevel: logLevel.ERROR,
    logCreator: () => testLogger(),
    retry: { retries: 8, initialRetryTime: 200 },
  });
}

/** Creates a topic (replication factor 1) and waits for its partition leaders. False if it existed. */
export async function createTopic(brokers: string, name: string, partitions: number): Promise<boolean> {
  const admin = kafkaClient(brokers, "cc-supervisor-test-admin").admin();
  await admin.connect();
  try {
    return await admin.createTopics({
      topics: [{ topic: name, numPartitions: partitions, replicationFactor: 1 }],
      waitForLeaders: true,
      timeout: 30_000,
    });
  } finally {
    await admin.disconnect();
  }
}

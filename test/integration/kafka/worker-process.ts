import { spawn, execFile, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { CtiEvent } from "@/lib/events";
import { createProducer } from "@/ingest/kafka/kafkajs-adapter";
import { eventKey } from "@/ingest/kafka/event-key";

/** Helpers for tests that run the real ingest worker as a separate process (so it can be killed -9). */
const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

export type Worker = { child: ChildProcess; port: number; log: string[]; exited: Promise<number | null> };

let nextPort = 19500 + (process.pid % 200) * 10;

export function startWorker(env: Record<string, string>): Worker {
  const port = nextPort++;
  const child = spawn(process.execPath, ["--import", "tsx", "ingest/worker/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, INGEST_HTTP_PORT: String(port), KAFKAJS_NO_PARTITIONER_WARNING: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stdout?.on("data", (d: Buffer) => log.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => log.push(d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, port, log, exited };
}

export async function metrics(w: Worker): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  try {
    const text = await (await fetch(`http://127.0.0.1:${w.port}/metrics`)).text();
    for (const line of text.split("\n")) {
      if (!line || line.startsWith("#")) continue;
      const i = line.lastIndexOf(" ");
      out.set(line.slice(0, i), Number(line.slice(i + 1)));
    }
  } catch {
    // not listening yet
  }
  return out;
}

export const totalLag = (m: Map<string, number>) => [...m].filter(([k]) => k.startsWith("ingest_consumer_lag")).reduce((a, [, v]) => a + v, 0);

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, log?: string[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${log ? `\nworker log:\n${log.join("").slice(-3000)}` : ""}`);
}

export async function produce(brokers: string, topic: string, events: readonly CtiEvent[]): Promise<void> {
  const producer = await createProducer({ brokers: brokers.split(","), clientId: "test-producer" });
  for (let i = 0; i < events.length; i += 5000) {
    await producer.send(
      topic,
      events.slice(i, i + 5000).map((e) => ({ key: eventKey(e), value: JSON.stringify(e) })),
    );
  }
  await producer.stop();
}

/** Runs test/integration/kafka/store-tool.ts in its own process and parses its JSON output. */
export function storeTool<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ["--import", "tsx", "test/integration/kafka/store-tool.ts", ...args], { cwd: ROOT, maxBuffer: 256 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`store-tool ${args[0]} failed: ${stderr}`));
      else resolve(JSON.parse(stdout.trim().split("\n").pop() ?? "null") as T);
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join("/tmp", prefix));
}

import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable, pipeline as pipe } from "node:stream";
import { chromium } from "@playwright/test";
import type { CtiEvent } from "../lib/events";
import { parseEnv } from "../lib/env";
import { getClickHouse } from "../lib/store/client";
import { storeCommand } from "../lib/store/store-call";
import { migrate } from "../sql/migrate";
import { IngestPipeline } from "../ingest/pipeline/pipeline";
import { InProcessSource } from "../ingest/pipeline";
import type { InboundMessage } from "../ingest/pipeline/message";
import { ContactCentreSim, loadSimulatorConfig } from "../ingest/simulator";
import { LiveFloor } from "../lib/live/live-floor";
import { liveStream, SSE_HEADERS } from "../lib/live/sse";
import { contactsCsv } from "../lib/export/contacts-csv";
import { ensureDemoUsers, demoUsersPath } from "../lib/auth/demo-users";
import { authenticate } from "../lib/auth/users-file";
import { signInThrottle, signInWithPassword, SignInRefused } from "../lib/auth/password-sign-in";
import { runCli } from "../scripts/run-cli";
import { percentile } from "./percentile";
import { busyMorning, offerAtRate, type Restamped } from "./live-script";

/**
 * npm run bench:load [-- --rate 200] [--seconds 30] [--ingest-events 200000] [--contacts 2000000] [--signin-url http://host:port]:
 * does the floor keep its pace while a manager exports a year of contacts and
 * someone tries 60 wrong passwords? (issue 9, finding 2.) One run, two rounds,
 * the same measurements in each:
 *
 * - the wallboard's event-to-browser latency: as bench:live, events offered at
 *   `rate`/s through the in-process source, the pipeline into chDB, the live floor
 *   and the real SSE stream to Chromium (an event has arrived with the first
 *   message whose floor clock has passed it);
 * - the ingest rate: `ingest-events` simulated events pushed through a second
 *   pipeline into the same store as fast as it takes them.
 *
 * Round 1 runs nothing else. Round 2 runs, all the while, the year-long contacts
 * export (the very stream /api/export/contacts returns, over HTTP from this process
 * to a reader in it, restarted whenever it ends) and, at its start, 60 wrong-password
 * sign-ins at once: in this process through the credentials provider's own check
 * (`authenticate`, scrypt against the users file), or, with --signin-url, POSTed to
 * a running server's next-auth credentials callback with a CSRF token. The figures
 * are printed side by side with their ratio; nothing is asserted (a bench).
 */

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const argText = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

const PAGE = `<!doctype html><meta charset="utf-8"><title>bench:load</title><script>
window.__floor = [];
const live = new EventSource("/stream");
for (const kind of ["snapshot", "patch"]) live.addEventListener(kind, (e) => window.__floor.push([Date.now(), JSON.parse(e.data).meta.eventClock]));
</script>`;

const YEAR_TENANT = "bench-year";
const DAY = 86_400_000;

/** A year of answered contacts for the export to read, made in SQL (the export reads contact_segments only). */
async function seedYear(ch: Awaited<ReturnType<typeof getClickHouse>>, contacts: number, end: number): Promise<void> {
  const start = end - 365 * DAY;
  await storeCommand(
    ch,
    `INSERT INTO contact_segments (tenant_id, queued_at, leg_id, call_id, queue_id, agent_id, exited_at, outcome, wait_ms)
     SELECT {t:String}, fromUnixTimestamp64Milli(toInt64({start:Int64} + intDiv(number * {span:UInt64}, {n:UInt64})), 'UTC') AS q,
            concat('leg-', toString(number)), concat('call-', toString(number)), concat('q', toString(number % 12)), concat('a', toString(number % 300)),
            q + toIntervalMillisecond(number % 60000), if(number % 10 = 0, 'abandon', 'answered'), toUInt32(number % 60000)
     FROM numbers({n:UInt64})`,
    { t: YEAR_TENANT, start, span: 365 * DAY, n: contacts },
    { kind: "migration" },
  );
}

/** One wrong-password sign-in through next-auth over HTTP: the CSRF token and its cookie first, then the credentials callback. */
async function wrongSignInOverHttp(base: string, i: number): Promise<number> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken, username: "manager", password: `wrong-${i}`, json: "true" }),
    redirect: "manual",
  });
  await res.arrayBuffer();
  return res.status;
}

/** One wrong-password sign-in as the credentials provider's authorize runs it: throttled, then scrypt in the bounded hashing queue. */
function wrongSignInInProcess(dir: string, i: number): Promise<string> {
  const attempt = { username: "manager", password: `wrong-${i}`, address: "192.0.2.1" };
  return signInWithPassword(attempt, (u, p) => authenticate(demoUsersPath(dir), u, p), signInThrottle()).then(
    (u) => (u ? "signed in" : "refused"),
    (e: unknown) => (e instanceof SignInRefused ? `refused (${e.code})` : "failed"),
  );
}

type Round = { p50: number; p95: number; events: number; ingestRate: number; exportedRows: number; signIns: string };

runCli(async () => {
  const rate = arg("rate", 200);
  const seconds = arg("seconds", 30);
  const ingestEvents = arg("ingest-events", 200_000);
  const yearContacts = arg("contacts", 2_000_000);
  const signInUrl = argText("signin-url");
  const warmupMs = 3_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-load-"));
  const env = parseEnv({ DATA_DIR: dir });
  const ch = await getClickHouse(env);
  await migrate(ch);
  await ensureDemoUsers(dir);
  const now = Date.now();
  const t = performance.now();
  await seedYear(ch, yearContacts, now);
  console.log(`bench:load: a year of ${yearContacts.toLocaleString("en")} contacts stored in ${((performance.now() - t) / 1000).toFixed(1)} s; store ${dir}`);

  // The wallboard path, as bench:live.
  const pipeline = new IngestPipeline(ch, { maxEventBytes: env.INGEST_MAX_EVENT_BYTES, origin: "bench" });
  const source = new InProcessSource(pipeline, { batchSize: env.INGEST_BATCH_SIZE, flushMs: env.INGEST_FLUSH_MS });
  const floor = new LiveFloor({ timeZone: "UTC" });
  floor.loadSnapshot([]);
  pipeline.onEvents((events) => floor.apply(events));

  const server = http.createServer((req, res) => {
    const abort = new AbortController();
    req.on("close", () => abort.abort());
    const body =
      req.url === "/stream"
        ? liveStream(floor, abort.signal)
        : req.url === "/export"
          ? undefined
          : new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(new TextEncoder().encode(PAGE)), c.close()) });
    if (req.url === "/export") {
      const input = { tenantId: YEAR_TENANT, from: now - 365 * DAY, to: now + 1, queueIds: [], sort: "queued_at" as const, direction: "desc" as const };
      void contactsCsv(ch, input, { tz: "UTC", maxRows: env.EXPORT_MAX_ROWS, signal: abort.signal }).then(
        (csv) => {
          res.writeHead(200, { "content-type": "text/csv" });
          pipe(Readable.fromWeb(csv.body as import("node:stream/web").ReadableStream<Uint8Array>), res, () => undefined);
        },
        () => res.destroy(),
      );
      return;
    }
    res.writeHead(200, req.url === "/stream" ? SSE_HEADERS : { "content-type": "text/html" });
    if (body) pipe(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), res, () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  const base = `http://127.0.0.1:${address.port}`;

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  await page.waitForFunction(() => (window as unknown as { __floor: unknown[] }).__floor.length > 0);

  const script = busyMorning(Math.ceil(rate * seconds) * 2);
  const seen: Restamped = { agentSince: new Map(), legQueuedAt: new Map() };
  const ingestSim = new ContactCentreSim({ ...loadSimulatorConfig(), tenantId: "bench-ingest" }, { seed: 5, startTime: Date.UTC(2026, 0, 1) });
  const ingestPipeline = new IngestPipeline(ch, { maxEventBytes: env.INGEST_MAX_EVENT_BYTES, origin: "bench-ingest" });
  const encoder = new TextEncoder();

  async function round(script: CtiEvent[], withLoad: boolean): Promise<Round> {
    const stop = new AbortController();
    let exportedRows = 0;
    let signIns = "none";
    const background: Promise<unknown>[] = [];
    if (withLoad) {
      background.push(
        (async () => {
          while (!stop.signal.aborted) {
            const res = await fetch(`${base}/export`, { signal: stop.signal });
            for await (const chunk of res.body ?? []) exportedRows += (chunk as Uint8Array).filter((b) => b === 10).length;
          }
        })().catch(() => undefined),
      );
      const attempts = Array.from({ length: 60 }, (_, i) => (signInUrl ? wrongSignInOverHttp(signInUrl, i).then((s) => `HTTP ${s}`) : wrongSignInInProcess(dir, i)));
      const signInStart = performance.now();
      background.push(
        Promise.all(attempts).then((r) => {
          const tally = new Map<string, number>();
          for (const x of r) tally.set(x, (tally.get(x) ?? 0) + 1);
          signIns = `60 in ${((performance.now() - signInStart) / 1000).toFixed(1)} s (${[...tally].map(([k, n]) => `${n} ${k}`).join(", ")})`;
        }),
      );
    }

    // The wallboard: events offered at `rate` per second.
    await page.evaluate(() => ((window as unknown as { __floor: unknown[] }).__floor = []));
    const { offered, started } = await offerAtRate(script, rate, seen, (batch) =>
      source.push(batch.map((e) => ({ payload: { object: e }, origin: { source: "bench" } }))),
    );
    await source.flush();
    const last = offered[offered.length - 1]?.time ?? 0;
    await page.waitForFunction((t) => (window as unknown as { __floor: [number, number][] }).__floor.some(([, clock]) => clock >= t), last, { timeout: 60_000 });
    const messages = await page.evaluate(() => (window as unknown as { __floor: [number, number][] }).__floor);
    const latencies: number[] = [];
    let m = 0;
    for (const e of offered) {
      if (e.time < started + warmupMs) continue;
      while (m < messages.length && (messages[m]?.[1] ?? 0) < e.time) m++;
      const arrival = messages[m]?.[0];
      if (arrival !== undefined) latencies.push(arrival - e.time);
    }

    // Ingest: as fast as the store takes it.
    let pushed = 0;
    let ingestMs = 0;
    while (pushed < ingestEvents) {
      const events: CtiEvent[] = [];
      while (events.length < Math.min(env.INGEST_BATCH_SIZE, ingestEvents - pushed)) events.push(...ingestSim.advanceTo(ingestSim.now + 600_000));
      const batch = events.slice(0, Math.min(env.INGEST_BATCH_SIZE, ingestEvents - pushed));
      const messages: InboundMessage[] = batch.map((e) => ({ payload: encoder.encode(JSON.stringify(e)), origin: { source: "bench" } }));
      const at = performance.now();
      await ingestPipeline.ingest(messages);
      ingestMs += performance.now() - at;
      pushed += batch.length;
    }

    stop.abort();
    await Promise.all(background);
    const sorted = latencies.sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), events: sorted.length, ingestRate: pushed / (ingestMs / 1000), exportedRows, signIns };
  }

  const half = script.length / 2;
  console.log(`  round 1: nothing else running (${half.toLocaleString("en")} events at ${rate}/s, then ${ingestEvents.toLocaleString("en")} ingested)`);
  const quiet = await round(script.slice(0, half), false);
  console.log(`  round 2: the year's export streaming and 60 wrong-password sign-ins${signInUrl ? ` at ${signInUrl}` : " (in process)"}`);
  const loaded = await round(script.slice(half), true);
  await browser.close();
  server.close();

  const row = (name: string, a: number, b: number, unit: string) =>
    console.log(`  ${name.padEnd(30)} ${a.toFixed(0).padStart(9)} ${unit.padEnd(9)} ${b.toFixed(0).padStart(9)} ${unit.padEnd(9)} ${(b / a).toFixed(2).padStart(6)}`);
  console.log("");
  console.log(`  ${"".padEnd(30)} ${"quiet".padStart(19)} ${"under load".padStart(19)} ${"ratio".padStart(6)}`);
  row("event -> browser p50", quiet.p50, loaded.p50, "ms");
  row("event -> browser p95", quiet.p95, loaded.p95, "ms");
  row("ingest rate", quiet.ingestRate, loaded.ingestRate, "events/s");
  console.log(`  during round 2: ${loaded.exportedRows.toLocaleString("en")} CSV lines exported; sign-ins: ${loaded.signIns}`);
  fs.rmSync(dir, { recursive: true, force: true });
});

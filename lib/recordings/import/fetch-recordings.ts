import type { RecordingServices } from "@/lib/recordings/media/services";
import type { ClickHouseClient } from "@clickhouse/client";
import type { Platform } from "./file-names";
import { importRecordings, type ImportReport } from "./import-directory";
import type { RecordingSource } from "./recording-source";

type Ctx = { ch: ClickHouseClient; tenantId: string; services: RecordingServices };

/**
 * Fetches a platform's recordings as they appear (TELEPHONY=asterisk: ARI's stored recordings):
 * an import pass now and every `everyMs`, one at a time. What a pass stored, or found stored, is
 * remembered and not read again while the source still lists it, since each read downloads the
 * whole file; the memory holds only what the last listing held, so it stays as small as the
 * source's window. After a restart the first pass reads the window once more and stores nothing
 * twice (the importer's ids come from the content). A file waiting for its call, or unmatched, is
 * tried again each pass and logged once. Returns the stop function.
 */
export function startFetchingRecordings(ctx: Ctx, source: RecordingSource, o: FetchOptions & { everyMs: number }): () => void {
  const fetcher = recordingFetcher(ctx, source, o);
  const timer = setInterval(() => void fetcher.pass(), o.everyMs);
  timer.unref();
  void fetcher.pass();
  return () => clearInterval(timer);
}

type FetchOptions = { platform: Platform; log: (line: string) => void; now?: () => number };

/** The fetcher's passes, run by the caller (startFetchingRecordings's timer, a test); a pass asked for while one runs is skipped. */
export function recordingFetcher(ctx: Ctx, source: RecordingSource, o: FetchOptions): { pass(): Promise<void> } {
  let done = new Set<string>();
  const said = new Set<string>();
  let running = false;
  const sayOnce = (line: string) => {
    if (said.has(line)) return;
    // Forgetting is only saying a line again: a bound on the memory of a process that runs for months.
    if (said.size >= 10_000) said.clear();
    said.add(line);
    o.log(line);
  };
  const pass = async () => {
    if (running) return;
    running = true;
    const listed = new Set<string>();
    try {
      const report = await importRecordings(ctx, {
        source,
        platform: o.platform,
        ...(o.now ? { now: o.now() } : {}),
        skip: (files) => {
          const k = key(files);
          listed.add(k);
          return done.has(k);
        },
      });
      done = new Set([...done].filter((k) => listed.has(k)));
      remember(report, done);
      for (const i of report.imported) o.log(`recordings: fetched ${i.files.join(" + ")} from ${source.describe} -> call ${i.callId}`);
      for (const u of report.unmatched) sayOnce(`recordings: ${u.files.join(" + ")} from ${source.describe} not imported yet: ${u.reason}`);
    } catch (e) {
      sayOnce(`recordings: fetching from ${source.describe} failed, will retry: ${(e as Error).message}`);
    } finally {
      running = false;
    }
  };
  return { pass };
}

function remember(report: ImportReport, done: Set<string>): void {
  for (const r of [...report.imported, ...report.alreadyImported]) done.add(key(r.files));
}

const key = (files: readonly string[]) => files.join("\n");

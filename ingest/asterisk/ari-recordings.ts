import path from "node:path";
import { parseRecordingFileName } from "@/lib/recordings/import/file-names";
import type { FileInfo } from "@/lib/recordings/import/group-files";
import { isAudioFileName, type RecordingSource } from "@/lib/recordings/import/recording-source";
import { withDeadline } from "@/lib/telephony/commands";
import type { AriClient } from "./ari-client";

/** Listing walks Asterisk's whole recording directory, and a file is read whole: longer than a floor command may take. */
const LIST_DEADLINE_MS = 30_000;
const READ_DEADLINE_MS = 60_000;

/** A MixMonitor file's header is fixed when it closes; one unfinished this long after its call began is imported as it is (an Asterisk that died mid-call). */
export const UNFINISHED_WAIT_MS = 4 * 3_600_000;

export type AriRecordingSourceOptions = {
  /** Only recordings whose call began within this long (the background poller's window; a backfill passes none). */
  lookbackMs?: number;
  now?: () => number;
};

/**
 * Asterisk's stored recordings, through ARI (recordings.json listStored / getStoredFile),
 * for a product that cannot see Asterisk's disk. ARI serves only the spool's `recording/`
 * directory, so the site points MixMonitor there (docs/telephony.md, "Recordings"). ARI
 * gives no file times: a file's time is its call's start, read from the uniqueid or linkedid
 * in its name (`<epoch seconds>.<sequence>`), and a file still being recorded is told by its
 * header (UNFINISHED_WAIT_MS).
 */
export function ariRecordingSource(ari: AriClient, o: AriRecordingSourceOptions = {}): RecordingSource {
  const now = o.now ?? Date.now;
  return {
    describe: `Asterisk ARI at ${ari.config.url}`,
    time: "start",
    unfinishedWaitMs: UNFINISHED_WAIT_MS,
    async list() {
      const stored = await withDeadline((signal) => ari.listStoredRecordings(signal), LIST_DEADLINE_MS, "listing stored recordings");
      const at = now();
      const out: FileInfo[] = [];
      for (const r of stored) {
        const file = `${r.name}.${r.format}`;
        if (!isAudioFileName(file)) continue;
        const began = callStart(file) ?? at;
        if (o.lookbackMs !== undefined && at - began > o.lookbackMs) continue;
        out.push({ file, mtimeMs: began, size: 0 });
      }
      return out.sort((a, b) => a.file.localeCompare(b.file));
    },
    read: (file) => withDeadline((signal) => ari.readStoredRecording(file.replace(/\.[^./]+$/, ""), signal), READ_DEADLINE_MS, `reading recording ${file}`),
  };
}

/** The epoch milliseconds in an Asterisk uniqueid or linkedid (`1733570000.42`) that a file name carries. */
function callStart(file: string): number | undefined {
  const id = parseRecordingFileName(path.posix.basename(file), "asterisk")?.platformId;
  return id === undefined ? undefined : Number(id.split(".")[0]) * 1000;
}

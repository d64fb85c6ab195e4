import fsp from "node:fs/promises";
import path from "node:path";
import type { FileInfo } from "./group-files";

/**
 * Where recording files are read from: a directory the product can see (MixMonitor's
 * spool, record_session's folder, mounted or copied), or the platform itself when it
 * hands recordings over (Asterisk's ARI stored recordings, ingest/asterisk/ari-recordings.ts).
 * The importer (import-directory.ts) groups, matches and decodes the same way for both.
 */
export interface RecordingSource {
  /** Says where, for reports and logs: a path, or "Asterisk ARI at http://pbx:8088/ari". */
  readonly describe: string;
  /** The recording files there, each with a time (`mtimeMs`) that `time` says the meaning of. */
  list(): Promise<FileInfo[]>;
  /** Whether a file's time is its last write (a directory: the recording's end) or the recording's start (ARI gives no file times). */
  readonly time: "lastWrite" | "start";
  read(file: string): Promise<Uint8Array>;
  /**
   * How long after its time (`mtimeMs`) a WAV whose header is still unfinished (format_wav's zero
   * sizes: still being recorded) is left for a later pass rather than imported as it is. A directory
   * has its files' write times and waits by those (`settleMs`), so it needs none; a source that knows
   * only the recording's start waits up to the longest call it expects.
   */
  readonly unfinishedWaitMs?: number;
}

const AUDIO_FILE = /\.(wav|raw|sln|slin)$/i;

/** The audio files under a directory, recursively (FreePBX's YYYY/MM/DD folders), by their write times. */
export function directorySource(dir: string): RecordingSource {
  return {
    describe: dir,
    time: "lastWrite",
    async list() {
      const out: FileInfo[] = [];
      for (const entry of await fsp.readdir(dir, { withFileTypes: true, recursive: true })) {
        if (!entry.isFile() || !AUDIO_FILE.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const s = await fsp.stat(file);
        out.push({ file, mtimeMs: s.mtimeMs, size: s.size });
      }
      return out.sort((a, b) => a.file.localeCompare(b.file));
    },
    read: (file) => fsp.readFile(file),
  };
}

export const isAudioFileName = (name: string): boolean => AUDIO_FILE.test(name);

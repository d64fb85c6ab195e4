import { createHash } from "node:crypto";
import type { ClickHouseClient } from "@clickhouse/client";
import { isDomainError } from "@/lib/errors/domain-errors";
import type { ChannelRole } from "@/lib/recordings/media/pcm";
import { resample } from "@/lib/recordings/media/resample";
import type { RecordingServices } from "@/lib/recordings/media/services";
import type { Platform } from "./file-names";
import { findCallByPlatformId } from "./find-call";
import { audioParts, groupFiles, groupRecordingFiles, type FileInfo } from "./group-files";
import { storeImportedRecording } from "./store-imported";
import { rolesOf, type ChannelLayout } from "./upload";
import { decodeSlin, isRawSlinName } from "./raw-slin";
import { directorySource, type RecordingSource } from "./recording-source";
import { decodeWav, isUnfinishedWav, type DecodedWav } from "./wav";

export type ImportOptions = {
  platform: Platform;
  /** Which party is on which channel of a stereo file. Default caller,agent: both platforms put what the recorded channel received (the caller, on the caller's channel) first. */
  layout?: Exclude<ChannelLayout, "mono">;
  /** Files written to within this long are left for a later pass (still being recorded). */
  settleMs?: number;
  now?: number;
};

export type ImportReport = {
  imported: { files: string[]; recordingId: string; callId: string }[];
  alreadyImported: { files: string[]; recordingId: string }[];
  unmatched: { files: string[]; reason: string }[];
  waiting: string[];
};

/** One pass over a directory (importRecordings, reading the files from `dir`). */
export function importDirectory(ctx: ImportContext, o: ImportOptions & { dir: string }): Promise<ImportReport> {
  return importRecordings(ctx, { ...o, source: directorySource(o.dir) });
}

type ImportContext = { ch: ClickHouseClient; tenantId: string; services: RecordingServices };

/**
 * One pass over Asterisk MixMonitor or FreeSWITCH record_session files, from a
 * directory or from the platform itself (recording-source.ts): each file (or r/t
 * pair) is matched to its call by the platform id in its name (find-call.ts,
 * bounded by the file's time), decoded, stored and made known
 * (storeImportedRecording), and queued for transcription. Files are only read:
 * nothing is moved or deleted, so an unmatched file is reported and stays for the
 * next pass or a person. Importing again stores nothing twice. `skip` passes over
 * recordings a caller already has (a poller's memory of what it imported), before
 * anything is read: reading is the costly part when the source is remote.
 */
export async function importRecordings(
  ctx: ImportContext,
  o: ImportOptions & { source: RecordingSource; skip?: (files: readonly string[]) => boolean },
): Promise<ImportReport> {
  const now = o.now ?? Date.now();
  const report: ImportReport = { imported: [], alreadyImported: [], unmatched: [], waiting: [] };
  const { groups, unnamed, waiting } = groupRecordingFiles(await o.source.list(), o.platform, now, o.settleMs ?? 0);
  for (const info of unnamed) {
    report.unmatched.push({ files: [info.file], reason: `the name carries no ${o.platform === "asterisk" ? "uniqueid or linkedid" : "channel uuid"}` });
  }
  report.waiting.push(...waiting.map((w) => w.file));
  // Sorted as the files are, so a report reads in the directory's order.
  groups.sort((a, b) => (groupFiles(a)[0] ?? "").localeCompare(groupFiles(b)[0] ?? ""));
  for (const g of groups) {
    const parts = audioParts(g);
    const files = groupFiles(g);
    const fileTime = Math.max(...parts.map((p) => p.mtimeMs));
    if (o.skip?.(files)) continue;
    try {
      const call = await findCallByPlatformId(ctx.ch, ctx.tenantId, g.platformId, fileTime);
      if (!call) {
        report.unmatched.push({ files, reason: `no call carries ${o.platform} id ${g.platformId} within 12 h before the file's time` });
        continue;
      }
      const bytes = await Promise.all(parts.map((p) => o.source.read(p.file)));
      const waitMs = o.source.unfinishedWaitMs ?? 0;
      if (now - fileTime < waitMs && bytes.some((b, i) => !isRawSlinName((parts[i] as FileInfo).file) && isUnfinishedWav(b))) {
        report.waiting.push(...files);
        continue;
      }
      const decoded = parts.map((p, i) => decodeFile(bytes[i] as Buffer, p.file, g.r || g.t ? 1 : 2));
      const pcm = !(g.r || g.t)
        ? fileAudio(decoded[0] as DecodedWav, o.layout ?? "caller,agent")
        : legsAudio(g.r ? decoded[0] : undefined, g.t ? decoded.at(-1) : undefined);
      const durationMs = ((pcm.channels[0]?.length ?? 0) / pcm.sampleRate) * 1000;
      const hash = createHash("sha256");
      for (const b of bytes) hash.update(b);
      const r = await storeImportedRecording(ctx, {
        tenantId: ctx.tenantId,
        callId: call.callId,
        ...(call.legId ? { legId: call.legId } : {}),
        pcm,
        source: `${o.platform}://import`,
        contentHash: hash.digest("hex"),
        startedAt: o.source.time === "start" ? fileTime : fileTime - durationMs,
      });
      if (r.created) report.imported.push({ files, recordingId: r.recordingId, callId: call.callId });
      else report.alreadyImported.push({ files, recordingId: r.recordingId });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      report.unmatched.push({ files, reason: e.message });
    }
  }
  return report;
}

/** A WAV by its header; a headerless `.raw` as MixMonitor writes it: stereo (its D option) for a whole-call file, mono for a leg. */
function decodeFile(bytes: Uint8Array, file: string, rawChannels: 1 | 2): DecodedWav {
  return isRawSlinName(file) ? decodeSlin(bytes, rawChannels) : decodeWav(bytes);
}

function fileAudio(wav: DecodedWav, layout: Exclude<ChannelLayout, "mono">): { sampleRate: number; channels: Int16Array[]; channelRoles: ChannelRole[] } {
  return { sampleRate: wav.sampleRate, channels: wav.channels, channelRoles: wav.channels.length === 1 ? ["mixed"] : rolesOf(layout, 2) };
}

/** MixMonitor's r (received: the caller) and t (sent: the agent) legs as one stereo recording, agent first; a lone leg is mono. */
function legsAudio(caller: DecodedWav | undefined, agent: DecodedWav | undefined): { sampleRate: number; channels: Int16Array[]; channelRoles: ChannelRole[] } {
  if (!caller || !agent) {
    const only = (caller ?? agent) as DecodedWav;
    return { sampleRate: only.sampleRate, channels: [only.channels[0] as Int16Array], channelRoles: [caller ? "caller" : "agent"] };
  }
  const rate = Math.max(caller.sampleRate, agent.sampleRate);
  const a = resample(agent.channels[0] as Int16Array, agent.sampleRate, rate);
  const c = resample(caller.channels[0] as Int16Array, caller.sampleRate, rate);
  // The legs may differ by a few samples; the shorter is padded with silence.
  const length = Math.max(a.length, c.length);
  const pad = (x: Int16Array) => (x.length === length ? x : Int16Array.from({ length }, (_, i) => x[i] ?? 0));
  return { sampleRate: rate, channels: [pad(a), pad(c)], channelRoles: ["agent", "caller"] };
}

import path from "node:path";
import { parseRecordingFileName, type Platform } from "./file-names";

export type FileInfo = { file: string; mtimeMs: number; size: number };

/** One recording's files: the audio to decode (`parts`: one mixed or stereo file, or the r/t legs) and every file it stands for. */
export type FileGroup = { platformId: string; r?: FileInfo; t?: FileInfo; both?: FileInfo };

export type Grouped = { groups: FileGroup[]; unnamed: FileInfo[]; waiting: FileInfo[] };

/**
 * Sorts a directory's files into recordings, by the platform id in their names (pure: no file is read).
 * Legs (`-r`/`-t`) of one id in one folder are one recording. MixMonitor with r() and t() still writes
 * its mixed file too (app_queue's recording always names one), so a site recording both directions
 * gets three files per call, `<id>.wav`, `<id>-r.wav`, `<id>-t.wav`: the mixed file joins the legs of
 * its id and folder, so the call does not get a second, mono copy of the same audio. Files written to
 * within `settleMs` are left waiting (still being recorded).
 */
export function groupRecordingFiles(files: readonly FileInfo[], platform: Platform, now: number, settleMs: number): Grouped {
  const out: Grouped = { groups: [], unnamed: [], waiting: [] };
  const legs = new Map<string, FileGroup>();
  const mixed: FileGroup[] = [];
  for (const info of files) {
    const parsed = parseRecordingFileName(path.basename(info.file), platform);
    if (!parsed) out.unnamed.push(info);
    else if (now - info.mtimeMs < settleMs) out.waiting.push(info);
    else if (parsed.part === "both") mixed.push({ platformId: parsed.platformId, both: info });
    else {
      const key = legsKey(path.dirname(info.file), parsed.platformId);
      const group = legs.get(key) ?? { platformId: parsed.platformId };
      group[parsed.part] = info;
      legs.set(key, group);
    }
  }
  for (const m of mixed) {
    const withLegs = legs.get(legsKey(path.dirname((m.both as FileInfo).file), m.platformId));
    if (withLegs && !withLegs.both) withLegs.both = m.both;
    else out.groups.push(m);
  }
  out.groups.push(...legs.values());
  return out;
}

/** The files whose audio makes the recording: the legs when there are any, else the one mixed or stereo file. */
export function audioParts(g: FileGroup): FileInfo[] {
  return (g.r || g.t ? [g.r, g.t] : [g.both]).filter((p): p is FileInfo => p !== undefined);
}

/** Every file the recording stands for, the mixed file beside legs first. */
export function groupFiles(g: FileGroup): string[] {
  const parts = audioParts(g);
  return (g.both && !parts.includes(g.both) ? [g.both, ...parts] : parts).map((p) => p.file);
}

const legsKey = (dir: string, platformId: string) => `${dir}\n${platformId}`;

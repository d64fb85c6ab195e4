import { describe, expect, it } from "vitest";
import { audioParts, groupFiles, groupRecordingFiles, type FileInfo } from "@/lib/recordings/import/group-files";

const at = (file: string, mtimeMs = 1_000): FileInfo => ({ file, mtimeMs, size: 100 });
const names = (fs: readonly FileInfo[]) => fs.map((f) => f.file);

describe("grouping a recordings directory into recordings", () => {
  it("makes MixMonitor's mixed file and its r/t legs (app_queue writes all three) one recording, decoded from the legs", () => {
    const { groups, unnamed, waiting } = groupRecordingFiles(
      [at("/m/1733570000.42.wav"), at("/m/1733570000.42-r.wav"), at("/m/1733570000.42-t.wav"), at("/m/1733570000.43.wav")],
      "asterisk",
      10_000,
      0,
    );
    expect(unnamed).toEqual([]);
    expect(waiting).toEqual([]);
    expect(groups.map((g) => [g.platformId, groupFiles(g), names(audioParts(g))])).toEqual([
      ["1733570000.43", ["/m/1733570000.43.wav"], ["/m/1733570000.43.wav"]],
      ["1733570000.42", ["/m/1733570000.42.wav", "/m/1733570000.42-r.wav", "/m/1733570000.42-t.wav"], ["/m/1733570000.42-r.wav", "/m/1733570000.42-t.wav"]],
    ]);
  });
  it("keeps files of the same id in different folders, and two mixed files of one id, apart", () => {
    const { groups } = groupRecordingFiles(
      [at("/m/a/1733570000.42.wav"), at("/m/b/1733570000.42-r.wav"), at("/m/b/1733570000.42-t.wav"), at("/m/a/1733570000.42-again.wav")],
      "asterisk",
      10_000,
      0,
    );
    expect(groups.map(groupFiles).sort()).toEqual([
      ["/m/a/1733570000.42-again.wav"],
      ["/m/a/1733570000.42.wav"],
      ["/m/b/1733570000.42-r.wav", "/m/b/1733570000.42-t.wav"],
    ]);
  });
  it("leaves files without an id, and files written within the settle time, out", () => {
    const r = groupRecordingFiles([at("/m/greeting.wav"), at("/m/1733570000.42.wav", 9_500), at("/m/1733570000.44.wav", 5_000)], "asterisk", 10_000, 1_000);
    expect(names(r.unnamed)).toEqual(["/m/greeting.wav"]);
    expect(names(r.waiting)).toEqual(["/m/1733570000.42.wav"]);
    expect(r.groups.map(groupFiles)).toEqual([["/m/1733570000.44.wav"]]);
  });
});

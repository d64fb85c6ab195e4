import { describe, expect, it } from "vitest";
import { parseRecordingFileName } from "@/lib/recordings/import/file-names";

describe("recording file names", () => {
  it("read Asterisk MixMonitor names: uniqueid, linkedid with a suffix, r/t legs", () => {
    expect(parseRecordingFileName("1733570000.42.wav", "asterisk")).toEqual({ platformId: "1733570000.42", part: "both", container: "wav" });
    expect(parseRecordingFileName("1733570000.42-20261207-0912-support.WAV", "asterisk")).toEqual({ platformId: "1733570000.42", part: "both", container: "wav" });
    expect(parseRecordingFileName("1733570000.42-r.wav", "asterisk")).toEqual({ platformId: "1733570000.42", part: "r", container: "wav" });
    expect(parseRecordingFileName("1733570000.42-20261207-t.wav", "asterisk")).toEqual({ platformId: "1733570000.42", part: "t", container: "wav" });
    expect(parseRecordingFileName("1733570000.42-in.wav", "asterisk")).toEqual({ platformId: "1733570000.42", part: "r", container: "wav" });
    expect(parseRecordingFileName("1733570000.42-out.wav", "asterisk")).toEqual({ platformId: "1733570000.42", part: "t", container: "wav" });
  });
  it("read FreePBX's queue, inbound and outbound names, where the uniqueid is the last part", () => {
    expect(parseRecordingFileName("q-7000-5550001-20261207-043700-1733570000.42.wav", "asterisk")).toEqual({
      platformId: "1733570000.42",
      part: "both",
      container: "wav",
    });
    expect(parseRecordingFileName("in-01632960000-447700900123-20261207-043700-1733570001.7.wav", "asterisk")?.platformId).toBe("1733570001.7");
    expect(parseRecordingFileName("out-447700900123-1001-20261207-043700-1733570002.8.wav", "asterisk")?.platformId).toBe("1733570002.8");
    expect(parseRecordingFileName("q-7000-anonymous-20261207-043700.wav", "asterisk")).toBeNull();
  });
  it("read MixMonitor's headerless .raw (its D option's interleaved stereo must be named so), for Asterisk only", () => {
    expect(parseRecordingFileName("1733570000.42.raw", "asterisk")).toEqual({ platformId: "1733570000.42", part: "both", container: "raw" });
    expect(parseRecordingFileName("1733570000.42-r.SLN", "asterisk")).toEqual({ platformId: "1733570000.42", part: "r", container: "raw" });
    expect(parseRecordingFileName("0a1b2c3d-1111-2222-3333-444455556666.raw", "freeswitch")).toBeNull();
  });
  it("read FreeSWITCH record_session names by the channel uuid, lower-cased", () => {
    expect(parseRecordingFileName("0A1B2C3D-1111-2222-3333-444455556666.wav", "freeswitch")).toEqual({
      platformId: "0a1b2c3d-1111-2222-3333-444455556666",
      part: "both",
      container: "wav",
    });
    expect(parseRecordingFileName("0a1b2c3d-1111-2222-3333-444455556666_2026-12-07.wav", "freeswitch")?.platformId).toBe("0a1b2c3d-1111-2222-3333-444455556666");
  });
  it("find no id in other names, or in other files", () => {
    expect(parseRecordingFileName("voicemail-greeting.wav", "asterisk")).toBeNull();
    expect(parseRecordingFileName("1733570000.42.mp3", "asterisk")).toBeNull();
    expect(parseRecordingFileName("1733570000.42.wav", "freeswitch")).toBeNull();
    expect(parseRecordingFileName("42.wav", "asterisk")).toBeNull();
  });
});

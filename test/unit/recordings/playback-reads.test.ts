import { describe, expect, it } from "vitest";
import { PLAYBACK_IDLE_MS, readStartsPlayback } from "@/lib/recordings/media/playback-reads";

describe("readStartsPlayback", () => {
  it("counts the first read, not the reads of the same playback, and again after the playback went idle", () => {
    const t = 1_000_000;
    const content = `["rec-pb-1",2,"audio"]`;
    expect(readStartsPlayback("u1", content, t)).toBe(true);
    // Cues at the end, a seek, the start again: the same playback.
    expect(readStartsPlayback("u1", content, t + 1_000)).toBe(false);
    expect(readStartsPlayback("u1", content, t + 2_000)).toBe(false);
    // Reads keep it alive: idle is measured from the last read.
    expect(readStartsPlayback("u1", content, t + 2_000 + PLAYBACK_IDLE_MS - 1)).toBe(false);
    expect(readStartsPlayback("u1", content, t + 2_000 + 2 * PLAYBACK_IDLE_MS - 2)).toBe(false);
    // Idle long enough: listening again is a new playback.
    expect(readStartsPlayback("u1", content, t + 2_000 + 3 * PLAYBACK_IDLE_MS)).toBe(true);
  });

  it("keeps users and contents (a new media version after a redaction) apart", () => {
    const t = 5_000_000;
    expect(readStartsPlayback("u2", `["rec-pb-2",1,"audio"]`, t)).toBe(true);
    expect(readStartsPlayback("u3", `["rec-pb-2",1,"audio"]`, t)).toBe(true);
    expect(readStartsPlayback("u2", `["rec-pb-2",2,"audio"]`, t + 1)).toBe(true);
  });

  it("starts a playback with a fresh read wherever it begins, so skipping the first byte does not escape the audit", () => {
    const t = 9_000_000;
    expect(readStartsPlayback("u4", "c", t)).toBe(true);
    expect(readStartsPlayback("u4", "c", t + 1)).toBe(false);
  });
});

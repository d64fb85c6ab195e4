import { describe, expect, it } from "vitest";
import { decodeWav } from "@/lib/recordings/import/wav";
import { wavFile } from "../helpers/wav-file";

describe("G.711 through a WAV file", () => {
  it("decodes µ-law and A-law written by the reference encoder to within the codec's step size", () => {
    const x = Int16Array.from({ length: 2000 }, (_, i) => Math.round(20000 * Math.sin(i / 7)));
    for (const encoding of ["mulaw", "alaw"] as const) {
      const [back] = decodeWav(wavFile([x], 8000, encoding)).channels;
      for (let i = 0; i < x.length; i++) {
        // G.711's step at a magnitude m is at most about m/16 (half of it is the error); 7% covers it with room.
        expect(Math.abs(back![i]! - x[i]!)).toBeLessThanOrEqual(Math.max(16, Math.abs(x[i]!) * 0.07));
      }
    }
  });
});

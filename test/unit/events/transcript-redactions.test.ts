import { describe, expect, it } from "vitest";
import { dataSchemas } from "@/lib/events/data";

const words = [
  { t: "card", s: 0, e: 300 },
  { t: "####", s: 300, e: 600 },
  { t: "####", s: 600, e: 900 },
];
const segment = (redactions: { from: number; to: number; kind: "card_number" }[]) => ({
  segmentIndex: 0,
  speaker: "caller",
  startMs: 0,
  endMs: 900,
  text: "card [card number]",
  words,
  redactions,
});

describe("transcript.segment redaction spans", () => {
  it("accepts spans over the segment's own words and refuses empty, reversed or overrunning ones", () => {
    const schema = dataSchemas["transcript.segment"];
    expect(schema.safeParse(segment([{ from: 1, to: 3, kind: "card_number" }])).success).toBe(true);
    for (const bad of [
      { from: 2, to: 2 },
      { from: 2, to: 1 },
      { from: 1, to: 4 },
    ]) {
      const r = schema.safeParse(segment([{ ...bad, kind: "card_number" }]));
      expect(r.success, JSON.stringify(bad)).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(["redactions"]);
    }
    // Without words there is nothing a span could cover.
    expect(schema.safeParse({ ...segment([{ from: 0, to: 1, kind: "card_number" }]), words: undefined }).success).toBe(false);
  });
});

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CtiEvent, EventOf } from "@/lib/events";
import { DEFAULT_REDACTION_POLICY, MASKED_WORD } from "@/lib/redaction/kinds";
import { maskTokens, textTokens } from "@/lib/redaction/mask";
import { redactTranscripts } from "@/lib/redaction/redact-events";
import { buildBatch } from "@/ingest/pipeline/batch";
import { bytesOf } from "../helpers/events";

const T0 = Date.UTC(2026, 0, 6, 9, 0, 0);

function segment(index: number, channel: number, startMs: number, said: string, extra: Partial<EventOf<"transcript.segment">["data"]> = {}): CtiEvent {
  const tokens = said.split(" ");
  return {
    specVersion: "1.0",
    id: randomUUID(),
    source: "speech",
    time: T0 + startMs,
    tenantId: "t1",
    callId: "c1",
    type: "transcript.segment",
    data: {
      recordingId: "rec-1",
      segmentIndex: index,
      speaker: channel === 0 ? "agent" : "caller",
      channel,
      startMs,
      endMs: startMs + tokens.length * 400,
      text: said,
      words: tokens.map((t, k) => ({ t, s: startMs + k * 400, e: startMs + k * 400 + 300 })),
      ...extra,
    },
  };
}

const policy = () => DEFAULT_REDACTION_POLICY;
const dataOf = (e: CtiEvent | undefined) => (e?.type === "transcript.segment" ? e.data : undefined);

describe("maskTokens", () => {
  it("collapses each span to its label and keeps the closing punctuation", () => {
    const tokens = textTokens("it's 4539 1488 0343 6467. And 737?");
    expect(
      maskTokens(tokens, [
        { from: 1, to: 5, kind: "card_number" },
        { from: 6, to: 7, kind: "security_code" },
      ]),
    ).toBe("it's [card number]. And [security code]?");
  });
});

describe("redactTranscripts", () => {
  it("masks words and text of a card number, keeps word times, and records the span", () => {
    const e = segment(0, 1, 1000, "it is 4539 1488 0343 6467 thanks");
    const r = redactTranscripts([e], policy);
    expect(r.changed).toEqual([0]);
    const d = dataOf(r.events[0]);
    expect(d?.text).toBe("it is [card number] thanks");
    expect(d?.words?.map((w) => w.t)).toEqual(["it", "is", MASKED_WORD, MASKED_WORD, MASKED_WORD, MASKED_WORD, "thanks"]);
    expect(d?.words?.map((w) => w.s)).toEqual(dataOf(e)?.words?.map((w) => w.s));
    expect(d?.redactions).toEqual([{ from: 2, to: 6, kind: "card_number" }]);
    expect(JSON.stringify(r.events[0])).not.toMatch(/4539|1488|0343|6467/);
    // The input is not changed: the original is what keep-original stores.
    expect(dataOf(e)?.text).toContain("4539");
  });

  it("reads the other channel's question as context, in time order whatever the batch order", () => {
    const question = segment(0, 0, 1000, "and the security code on the back?");
    const answer = segment(1, 1, 4000, "7.3.7");
    const alone = redactTranscripts([answer], policy);
    expect(alone.changed).toEqual([]);
    const together = redactTranscripts([answer, question], policy);
    expect(together.changed).toEqual([0]);
    expect(dataOf(together.events[0])?.text).toBe("[security code]");
  });

  it("does not read one recording's words as another's context", () => {
    const question = segment(0, 0, 1000, "and the security code on the back?");
    const other = { ...segment(1, 1, 4000, "seven three seven"), callId: "c2" } as CtiEvent;
    if (other.type === "transcript.segment") other.data = { ...other.data, recordingId: "rec-2" };
    expect(redactTranscripts([question, other], policy).changed).toEqual([]);
  });

  it("returns the originals only when the policy keeps them", () => {
    const e = segment(0, 1, 0, "card 4111 1111 1111 1111");
    expect(redactTranscripts([e], policy).originals).toEqual([]);
    const kept = redactTranscripts([e], () => ({ ...DEFAULT_REDACTION_POLICY, keepOriginal: true })).originals;
    expect(kept).toHaveLength(1);
    expect(kept[0]?.text).toBe("card 4111 1111 1111 1111");
    expect(kept[0]?.redactions).toEqual([{ from: 1, to: 5, kind: "card_number" }]);
  });

  it("masks text without words too, and leaves other events as the very same objects", () => {
    const noWords = segment(0, 1, 0, "my card is 4111 1111 1111 1111", { words: undefined });
    const other: CtiEvent = {
      specVersion: "1.0",
      id: randomUUID(),
      source: "s",
      time: T0,
      tenantId: "t1",
      callId: "c1",
      type: "call.offered",
      data: { from: "+1", to: "+2", direction: "inbound", channelId: "ch1" },
    };
    const r = redactTranscripts([other, noWords], policy);
    expect(r.events[0]).toBe(other);
    expect(dataOf(r.events[1])?.text).toBe("my card is [card number]");
    expect(dataOf(r.events[1])?.redactions).toEqual([{ from: 3, to: 7, kind: "card_number" }]);
  });
});

describe("the pipeline masks before anything is stored", () => {
  it("buildBatch hands on masked events and their masked bytes, whether the event came as bytes or as an object", () => {
    const e = segment(0, 1, 0, "the card is 4111 1111 1111 1111");
    const asBytes = buildBatch([{ payload: bytesOf(e), origin: { source: "kafka" } }], 1 << 20);
    const asObject = buildBatch([{ payload: { object: e }, origin: { source: "sim" } }], 1 << 20);
    for (const b of [asBytes, asObject]) {
      expect(b.events).toHaveLength(1);
      expect(new TextDecoder().decode(b.lines[0])).not.toContain("1111");
      expect(dataOf(b.events[0])?.text).toBe("the card is [card number]");
    }
  });
});

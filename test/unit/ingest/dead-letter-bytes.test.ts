import { describe, expect, it } from "vitest";
import { buildBatch } from "@/ingest/pipeline/batch";
import { DEAD_LETTER_MAX_BYTES } from "@/ingest/pipeline/dead-letter";
import type { InboundMessage } from "@/ingest/pipeline/message";
import { lineDeadLetter } from "@/ingest/queue-log/sinks";

const kafka = (bytes: Uint8Array): InboundMessage => ({ payload: bytes, origin: { source: "kafka", topic: "cti.events", partition: 0, offset: "7" } });

describe("dead letters keep the original bytes", () => {
  it("refuses invalid UTF-8 and keeps the very bytes, not a re-encoding", () => {
    // A JSON object whose queueId holds 0xff 0xfe: {"queueId":"q..1"}, 12 + 4 + 2 = 18 bytes.
    const bytes = Buffer.concat([Buffer.from('{"queueId":"'), Buffer.from([0x71, 0xff, 0xfe, 0x31]), Buffer.from('"}')]);
    expect(bytes.byteLength).toBe(18);
    const { events, deadLetters } = buildBatch([kafka(bytes)], 1 << 20);
    expect(events).toEqual([]);
    expect(deadLetters).toHaveLength(1);
    const dl = deadLetters[0];
    expect(dl?.reason).toBe("invalid_utf8");
    expect(Buffer.from(dl?.payload_base64 ?? "", "base64").equals(bytes)).toBe(true);
    expect([dl?.payload_size, dl?.original_size]).toEqual([18, 18]);
  });

  it("refuses valid UTF-8 that spells half a surrogate pair, and takes a whole pair", () => {
    const event = (queueId: string, idTail = "a") =>
      `{"specVersion":"1.0","id":"00000000-0000-4000-8000-00000000000${idTail}","source":"s","tenantId":"t","type":"call.queued","time":1767603600000,"callId":"c","legId":"c.1","queueId":"${queueId}","data":{}}`;
    const lone = Buffer.from(event("q\\udcff1"));
    const [dl] = buildBatch([kafka(lone)], 1 << 20).deadLetters;
    expect(dl?.reason).toBe("invalid_utf8");
    expect(Buffer.from(dl?.payload_base64 ?? "", "base64").equals(lone)).toBe(true);
    // "\ud83d\ude00" is one character (U+1F600), and "\u00e9" not a surrogate at all: both stored.
    const ok = buildBatch([kafka(Buffer.from(event("q\\ud83d\\ude00"))), kafka(Buffer.from(event("caf\\u00e9", "b")))], 1 << 20);
    expect(ok.deadLetters).toEqual([]);
    expect(ok.events.map((e) => e.queueId)).toEqual(["q\u{1F600}", "café"]);
  });

  it("keeps the first 64 KiB of an oversized message and records its whole length", () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x20); // 10,485,760 spaces
    big[0] = 0x7b; // "{", so the head shows what it was
    const { deadLetters } = buildBatch([kafka(big)], 1 << 20);
    const dl = deadLetters[0];
    expect(dl?.reason).toBe("oversized");
    expect(DEAD_LETTER_MAX_BYTES).toBe(65_536);
    expect([dl?.payload_size, dl?.original_size]).toEqual([65_536, 10_485_760]);
    expect(Buffer.from(dl?.payload_base64 ?? "", "base64").equals(big.subarray(0, 65_536))).toBe(true);
  });

  it("stores a refused queue_log line's bytes as read, with its full length", () => {
    const bytes = Buffer.from([0x31, 0x7c, 0x71, 0xff, 0xfe, 0x31]); // "1|q", 0xff, 0xfe, "1"
    const dl = lineDeadLetter("/var/log/asterisk/queue_log", { lineNo: 4, reason: "invalid_utf8", line: "", detail: "line is not valid UTF-8", bytes, size: 6 }, 0);
    expect(Buffer.from(dl.payload_base64, "base64").equals(bytes)).toBe(true);
    expect([dl.reason, dl.offset, dl.payload_size, dl.original_size]).toEqual(["invalid_utf8", "4", 6, 6]);
    // A line cut by the reader: 65,536 bytes kept of 10,485,760.
    const head = Buffer.alloc(65_536, 0x78);
    const cut = lineDeadLetter("/q", { lineNo: 1, reason: "line_too_long", line: "", detail: "", bytes: head, size: 10_485_760 }, 0);
    expect([cut.payload_size, cut.original_size]).toEqual([65_536, 10_485_760]);
  });
});

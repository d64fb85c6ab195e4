import { describe, expect, it } from "vitest";
import { LineSplitter, MAX_LINE_BYTES, type SplitLine } from "@/ingest/queue-log/line-splitter";

const ascii = (s: string) => Buffer.from(s, "latin1");

function splitAll(chunks: Uint8Array[]): SplitLine[] {
  const s = new LineSplitter();
  const out = chunks.flatMap((c) => s.push(c));
  const last = s.end();
  return last ? [...out, last] : out;
}

describe("LineSplitter", () => {
  it("refuses a line that is not UTF-8 with its bytes exactly, and reads the lines around it", () => {
    // "q", 0xff, 0xfe, "1": 0xff and 0xfe never occur in UTF-8. A decoding reader made this the queue "q\ufffd\ufffd1".
    const bad = Buffer.from([0x71, 0xff, 0xfe, 0x31]);
    const input = Buffer.concat([ascii("1767603600|c1|sales|NONE|ENTERQUEUE||+44|1\n1767603601|c2|"), bad, ascii("|NONE|ENTERQUEUE||+44|1\r\nlast")]);
    const lines = splitAll([input]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ lineNo: 1, line: "1767603600|c1|sales|NONE|ENTERQUEUE||+44|1" });
    const refused = lines[1];
    if (!refused || !("error" in refused)) throw new Error("line 2 should be refused");
    expect(refused.error.reason).toBe("invalid_utf8");
    expect(refused.error.lineNo).toBe(2);
    // The bytes as they were, CR of the CRLF dropped: 14 ("1767603601|c2|") + 4 + 23 ("|NONE|ENTERQUEUE||+44|1") = 41 bytes.
    const expected = Buffer.concat([ascii("1767603601|c2|"), bad, ascii("|NONE|ENTERQUEUE||+44|1")]);
    expect(expected.byteLength).toBe(14 + 4 + 23);
    expect(Buffer.from(refused.error.bytes ?? []).equals(expected)).toBe(true);
    expect(refused.error.size).toBe(41);
    expect(lines[2]).toEqual({ lineNo: 3, line: "last" });
  });

  it("refuses a sequence cut between two chunks only if it is really broken", () => {
    // "é" is 0xc3 0xa9; split across chunks it is still one valid line.
    expect(splitAll([Buffer.from([0x61, 0xc3]), Buffer.from([0xa9, 0x0a])])).toEqual([{ lineNo: 1, line: "aé" }]);
    // 0xc3 followed by a newline is a truncated sequence: refused.
    const [cut] = splitAll([Buffer.from([0x61, 0xc3, 0x0a])]);
    expect(cut && "error" in cut ? cut.error.reason : cut).toBe("invalid_utf8");
  });

  it("keeps only the head of a 10 MB line, counts all of it, and goes on with the next line", () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x78); // 10,485,760 bytes of "x"
    // Fed in 1 MiB chunks, as a reader would: the splitter must not gather the whole line.
    const chunks: Buffer[] = [];
    for (let at = 0; at < big.byteLength; at += 1 << 20) chunks.push(big.subarray(at, at + (1 << 20)));
    chunks.push(ascii("\nnext\n"));
    const [long, next] = splitAll(chunks);
    if (!long || !("error" in long)) throw new Error("the long line should be refused");
    expect(long.error.reason).toBe("line_too_long");
    expect(long.error.size).toBe(10_485_760);
    expect(long.error.bytes?.byteLength).toBe(MAX_LINE_BYTES);
    expect(MAX_LINE_BYTES).toBe(65_536);
    expect(next).toEqual({ lineNo: 2, line: "next" });
  });

  it("takes a line of exactly the limit, with or without its CR", () => {
    const exact = Buffer.alloc(MAX_LINE_BYTES, 0x61);
    const lines = splitAll([exact, ascii("\r\n"), exact, ascii("a\n")]);
    expect(lines[0]).toEqual({ lineNo: 1, line: "a".repeat(MAX_LINE_BYTES) });
    const over = lines[1];
    expect(over && "error" in over ? [over.error.reason, over.error.size] : over).toEqual(["line_too_long", MAX_LINE_BYTES + 1]);
  });
});

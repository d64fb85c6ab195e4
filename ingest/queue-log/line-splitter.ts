import type { LineError } from "./record";

/** A queue_log line is a few hundred bytes; one this long is garbage, refused with its head kept (the dead letter's cap). */
export const MAX_LINE_BYTES = 64 * 1024;

export type NumberedLine = { lineNo: number; line: string };
/** A line that is not text the importer may read: invalid UTF-8, or longer than MAX_LINE_BYTES. */
export type RefusedLine = { lineNo: number; error: LineError };
export type SplitLine = NumberedLine | RefusedLine;

const NEWLINE = 0x0a;
const CR = 0x0d;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Bytes in, numbered lines out, split on the bytes rather than on decoded text: a line that
 * is not valid UTF-8 is refused with its bytes exactly as read (decoding first would have
 * turned them into U+FFFD, so `q\xff\xfe1` became the queue "q\ufffd\ufffd1"), and a line
 * without end keeps only its first MAX_LINE_BYTES in memory while the rest is counted.
 * 0x0A never occurs inside a multi-byte UTF-8 sequence, so splitting before decoding is safe.
 * A trailing CR (CRLF files) is dropped. Pure; feed chunks in order, then end().
 */
export class LineSplitter {
  private head: Buffer[] = [];
  private headBytes = 0;
  private size = 0;
  private lineNo = 0;

  push(chunk: Uint8Array): SplitLine[] {
    const out: SplitLine[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      this.take(chunk.subarray(start, nl));
      out.push(this.finishLine());
      start = nl + 1;
    }
    this.take(chunk.subarray(start));
    return out;
  }

  /** The last line when the input ended without a newline; none when it ended with one. */
  end(): SplitLine | undefined {
    return this.size === 0 ? undefined : this.finishLine();
  }

  private take(part: Uint8Array): void {
    this.size += part.byteLength;
    const room = MAX_LINE_BYTES + 1 - this.headBytes; // one byte past the limit: a CR there may still be the line's end
    if (room <= 0 || part.byteLength === 0) return;
    const kept = part.byteLength <= room ? part : part.subarray(0, room);
    this.head.push(Buffer.from(kept));
    this.headBytes += kept.byteLength;
  }

  private finishLine(): SplitLine {
    let bytes = Buffer.concat(this.head, this.headBytes);
    let size = this.size;
    this.head = [];
    this.headBytes = 0;
    this.size = 0;
    const lineNo = ++this.lineNo;
    if (size <= bytes.byteLength && bytes.at(-1) === CR) {
      bytes = bytes.subarray(0, -1);
      size -= 1;
    }
    if (size > MAX_LINE_BYTES) {
      const detail = `line is ${size.toLocaleString("en")} bytes, over the limit of ${MAX_LINE_BYTES.toLocaleString("en")}`;
      return { lineNo, error: { lineNo, reason: "line_too_long", line: "", detail, bytes: bytes.subarray(0, MAX_LINE_BYTES), size } };
    }
    try {
      return { lineNo, line: utf8.decode(bytes) };
    } catch {
      return { lineNo, error: { lineNo, reason: "invalid_utf8", line: "", detail: "line is not valid UTF-8", bytes, size } };
    }
  }
}

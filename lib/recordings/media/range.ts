import type { ByteRange } from "@/lib/recordings/storage/object-store";

/**
 * An HTTP Range header (RFC 9110 §14.2) against an object of `size` bytes:
 * - no header, or one this server does not honour (another unit, several ranges,
 *   a malformed one): "whole", answered 200 with everything, as the RFC allows;
 * - a satisfiable single range: that range, end inclusive, cut to the object;
 * - a range that starts past the end, or a suffix of zero bytes: "unsatisfiable" (416).
 * Browsers' media elements send one range at a time, so several ranges are not worth multipart answers.
 */
export type RangeRequest = { kind: "whole" } | { kind: "range"; range: ByteRange } | { kind: "unsatisfiable" };

export function parseRange(header: string | null | undefined, size: number): RangeRequest {
  if (!header) return { kind: "whole" };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return { kind: "whole" };
  const [, first, last] = m as unknown as [string, string, string];
  if (first === "" && last === "") return { kind: "whole" };
  if (first === "") {
    // A suffix: the last N bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "range", range: { start: Math.max(0, size - n), end: size - 1 } };
  }
  // Digits beyond 2^53 are still numbers: a start that large is past any object's end, an end that large reaches it.
  const start = Number(first);
  const end = last === "" || !Number.isSafeInteger(Number(last)) ? size - 1 : Number(last);
  if (!Number.isSafeInteger(start) || start >= size) return { kind: "unsatisfiable" };
  if (end < start) return { kind: "whole" };
  return { kind: "range", range: { start, end: Math.min(end, size - 1) } };
}

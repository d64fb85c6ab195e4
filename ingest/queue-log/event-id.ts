import { createHash } from "node:crypto";

/**
 * Deterministic event ids, so importing the same log again yields the same ids and
 * the store keeps each event once.
 *
 * An id is a name-based UUID (RFC 9562 version 5: SHA-1 of a namespace and a
 * name). The name holds:
 * - the tenant and source: the same log imported for two tenants (or from two
 *   sources) describes different events, and ids must stay stable once issued;
 * - what produced the event: a line's content and its occurrence, or a timer's key.
 *   Content, not line number: a rotated or concatenated log, or one with a garbage
 *   line removed, keeps its ids;
 * - the event's type and its index among that producer's events of that type, so a
 *   line producing other events in another import context (e.g. a log starting
 *   mid-call) can never reuse an id for a different event.
 */

/** This importer's namespace (a fixed random UUID); other producers' ids cannot collide with ours. */
const NAMESPACE = Buffer.from("6f1d0c2a9b3e4f5aa7c18e2d4b6f9013", "hex");

export function nameBasedUuid(name: string): string {
  const hash = createHash("sha1").update(NAMESPACE).update(name, "utf8").digest();
  const b = hash.subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50; // version 5
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // RFC variant
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Names events of one producer (a line or a timer): the same producer and type give the same sequence of ids. */
export class EventIds {
  private readonly perType = new Map<string, number>();

  constructor(
    private readonly scope: { tenantId: string; source: string },
    private readonly producer: string,
  ) {}

  next(type: string): string {
    const n = this.perType.get(type) ?? 0;
    this.perType.set(type, n + 1);
    return nameBasedUuid([this.scope.tenantId, this.scope.source, this.producer, type, String(n)].join("\n"));
  }
}

/**
 * Counts repeats of identical lines, so two identical lines (same second, same
 * everything) still get distinct ids. Identical lines share their epoch, so only
 * lines of the current second are remembered: memory stays flat on big logs.
 */
export class LineOccurrences {
  private epoch = "";
  private seen = new Map<string, number>();

  /** 0 for the first occurrence of `line` within its second, 1 for the next, ... */
  next(line: string): number {
    const epoch = line.slice(0, line.indexOf("|"));
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      this.seen = new Map();
    }
    const n = this.seen.get(line) ?? 0;
    this.seen.set(line, n + 1);
    return n;
  }
}

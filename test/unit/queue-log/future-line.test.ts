import { describe, expect, it } from "vitest";
import { QueueLogMapper } from "@/ingest/queue-log";
import type { CtiEvent } from "@/lib/events";

// 2026-01-05 09:00:00 UTC = epoch 1767603600. The importer's clock reads 09:10 that day.
const NOW = 1767603600_000 + 600_000;
const LOG = [
  "1767603600|c1|sales|NONE|ENTERQUEUE||+441632960001|1",
  // A line dated 2100-01-01 00:00:00 UTC (epoch 4102444800): a PBX clock gone wrong, or a corrupt line.
  "4102444800|c9|sales|NONE|ENTERQUEUE||+441632960009|1",
  // c1 answered by 1001 after 10 s (CONNECT holdtime 10, ring 2), caller hangs up after 60 s of talk.
  "1767603610|c1|sales|PJSIP/1001|CONNECT|10|1767603608.5|2",
  "1767603670|c1|sales|PJSIP/1001|COMPLETECALLER|10|60|1",
];

function run(clock?: { now: () => number; maxFutureMs: number }) {
  const m = new QueueLogMapper({ tenantId: "t", source: "asterisk://pbx1", ...(clock ? { clock } : {}) });
  const events: CtiEvent[] = [];
  const errors = LOG.flatMap((line, i) => {
    const r = m.push(line, i + 1);
    events.push(...r.events);
    return r.errors;
  });
  events.push(...m.flush().events);
  return { events, errors };
}

describe("a queue_log line dated far ahead", () => {
  it("is refused before it touches the mapper, so the calls around it map whole", () => {
    const { events, errors } = run({ now: () => NOW, maxFutureMs: 300_000 });
    expect(errors.map((e) => [e.lineNo, e.reason])).toEqual([[2, "future_time"]]);
    expect(errors[0]?.line).toBe(LOG[1]);
    const cleared = events.find((e) => e.type === "call.connection_cleared");
    // Talk 60 s (calltime), queue entry = CONNECT 09:00:10 - holdtime 10 s = 09:00:00.
    expect(cleared?.data).toMatchObject({ talkMs: 60_000, queuedAt: 1767603600_000, releasedBy: "caller" });
    expect(events.some((e) => e.callId === "c9")).toBe(false);
  });

  it("without the clock, would have made the mapper forget c1 (the reason the rule exists)", () => {
    const { errors } = run();
    // The 2100 line moves the mapper's time past c1's 6-hour limit: c1's CONNECT and COMPLETE find no call.
    expect(errors.map((e) => e.reason)).toEqual(["unmatched_call", "unmatched_call"]);
  });
});

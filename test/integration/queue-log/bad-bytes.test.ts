import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { QueueLogMapper, type MapResult } from "@/ingest/queue-log";
import { readLines } from "@/ingest/queue-log/line-source";
import { storeSink } from "@/ingest/queue-log/sinks";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/**
 * npm run import:queue-log's path (lines -> mapper -> sink) into the real store, with a
 * log written byte by byte: a call whose queue name is not UTF-8 and a 10 MB line between
 * two good calls. Only the good calls are stored; the two bad lines are dead letters
 * holding the bytes that were in the file.
 */
describe("queue_log lines that are not text", () => {
  it("are dead letters with their exact bytes (cut at 64 KiB, full length recorded), and the rest imports", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("badbytes");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qlog-bytes-"));
    const file = path.join(dir, "queue_log");
    const text = (s: string) => Buffer.from(s, "utf8");
    // Line 3: the queue field is "q", 0xff, 0xfe, "1".
    const badLine = Buffer.concat([text("1767603620|c2|"), Buffer.from([0x71, 0xff, 0xfe, 0x31]), text("|NONE|ENTERQUEUE||+441632960002|1")]);
    const hugeLine = Buffer.alloc(10 * 1024 * 1024, 0x41); // line 4: 10,485,760 bytes of "A"
    fs.writeFileSync(
      file,
      Buffer.concat([
        text("1767603600|c1|sales|NONE|ENTERQUEUE||+441632960001|1\n"),
        text("1767603610|c1|sales|NONE|ABANDON|1|1|10\n"),
        badLine,
        text("\n"),
        hugeLine,
        text("\n1767603630|c3|sales|NONE|ENTERQUEUE||+441632960003|1\n"),
        text("1767603633|c3|sales|NONE|ABANDON|1|1|3\n"),
      ]),
    );

    const mapper = new QueueLogMapper({ tenantId, source: "asterisk://bytes" });
    const sink = storeSink(ch, file, 65_536);
    const got: MapResult = { events: [], errors: [] };
    for await (const next of readLines(file, { follow: false })) {
      if (next === null) continue;
      if ("error" in next) got.errors.push(next.error);
      else {
        const r = mapper.push(next.line, next.lineNo);
        got.events.push(...r.events);
        got.errors.push(...r.errors);
      }
    }
    got.events.push(...mapper.flush().events);
    await sink.events(got.events);
    await sink.lineErrors(got.errors);

    // Two abandoned calls (c1, c3), each offered, queued, exited, cleared; no queue but "sales".
    const queues = await queryRows<{ queue_id: string; n: string }>(
      ch,
      "SELECT queue_id, count() AS n FROM cti_events WHERE tenant_id = {t:String} AND queue_id != '' GROUP BY queue_id",
      { t: tenantId },
    );
    // Per call: offered (the importer names the queue it entered), queued and queue_exited carry the queue, cleared does not: 2 calls x 3 = 6.
    expect(queues.map((q) => [q.queue_id, Number(q.n)])).toEqual([["sales", 6]]);

    const letters = await queryRows<{ reason: string; offset: string; payload_base64: string; payload_size: number; original_size: string }>(
      ch,
      "SELECT reason, offset, payload_base64, payload_size, original_size FROM dead_letters WHERE source = {s:String} ORDER BY toUInt32(offset)",
      { s: `queue_log:${file}` },
    );
    expect(letters.map((l) => [l.reason, l.offset, Number(l.payload_size), Number(l.original_size)])).toEqual([
      // 14 + 4 + 33 = 51 bytes, kept whole.
      ["invalid_utf8", "3", 51, 51],
      ["line_too_long", "4", 65_536, 10_485_760],
    ]);
    expect(badLine.byteLength).toBe(51);
    expect(Buffer.from(letters[0]?.payload_base64 ?? "", "base64").equals(badLine)).toBe(true);
    expect(Buffer.from(letters[1]?.payload_base64 ?? "", "base64").equals(hugeLine.subarray(0, 65_536))).toBe(true);
  }, 120_000);
});

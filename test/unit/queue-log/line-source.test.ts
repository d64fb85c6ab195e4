import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readLines, type SplitLine } from "@/ingest/queue-log/line-source";

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qlog-")), "queue_log");

describe("readLines", () => {
  it("numbers lines and keeps a last line without newline", async () => {
    const file = tmp();
    fs.writeFileSync(file, "a\r\nb\nc");
    const got: Array<SplitLine | null> = [];
    for await (const l of readLines(file, { follow: false })) got.push(l);
    expect(got).toEqual([
      { lineNo: 1, line: "a" },
      { lineNo: 2, line: "b" },
      { lineNo: 3, line: "c" },
    ]);
  });

  it("follows appends and rotation, holding back a half-written line", async () => {
    const file = tmp();
    fs.writeFileSync(file, "one\ntw");
    let stop = false;
    const lines = readLines(file, { follow: true, pollMs: 20, stopped: () => stop });
    // The lines up to the reader's next null ("caught up"): an awaited condition, not a guessed delay.
    const untilCaughtUp = async () => {
      const got: SplitLine[] = [];
      for (let r = await lines.next(); !r.done && r.value; r = await lines.next()) got.push(r.value);
      return got;
    };
    expect(await untilCaughtUp()).toEqual([{ lineNo: 1, line: "one" }]);
    fs.appendFileSync(file, "o\nthree\n");
    expect(await untilCaughtUp()).toEqual([
      { lineNo: 2, line: "two" },
      { lineNo: 3, line: "three" },
    ]);
    // Rotation: the old file moves away and a new one starts.
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, "fresh\n");
    expect(await untilCaughtUp()).toEqual([{ lineNo: 1, line: "fresh" }]);
    stop = true;
    expect(await lines.next()).toEqual({ done: true, value: undefined });
  });
});

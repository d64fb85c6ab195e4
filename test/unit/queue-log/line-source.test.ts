import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readLines, type SplitLine } from "@/ingest/queue-log/line-source";
import { OverlapFilter, lineEpoch } from "@/ingest/queue-log/log-files";

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

describe("OverlapFilter", () => {
  it("drops the lines a later file repeats from the earlier one, and only those", () => {
    // File 1 runs 100..102; file 2 starts at 101 with a copy of file 1's last two lines,
    // one of which Asterisk wrote twice in its second (both copies repeat), then new lines.
    const f1 = ["100|a|q|NONE|ENTERQUEUE||1|1", "101|b|q|NONE|ENTERQUEUE||2|1", "102|a|q|NONE|ABANDON|1|1|2", "102|a|q|NONE|ABANDON|1|1|2"];
    const f2 = ["101|b|q|NONE|ENTERQUEUE||2|1", "102|a|q|NONE|ABANDON|1|1|2", "102|a|q|NONE|ABANDON|1|1|2", "102|c|q|NONE|ENTERQUEUE||3|1", "103|b|q|NONE|ABANDON|1|1|2"];
    const filter = new OverlapFilter();
    filter.startFile(101);
    const kept1 = f1.filter((l) => filter.keep(l));
    filter.startFile(Number.MAX_SAFE_INTEGER);
    const kept2 = f2.filter((l) => filter.keep(l));
    expect(kept1).toEqual(f1);
    // New in file 2: c's entry at 102 (same second, not a repeat) and b's exit at 103.
    expect(kept2).toEqual(["102|c|q|NONE|ENTERQUEUE||3|1", "103|b|q|NONE|ABANDON|1|1|2"]);
    expect(lineEpoch("1767603600.25|x|q|NONE|ENTERQUEUE")).toBe(1767603600);
    expect(lineEpoch("# comment")).toBeUndefined();
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readLines, type NumberedLine } from "@/ingest/queue-log/line-source";

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "qlog-")), "queue_log");

describe("readLines", () => {
  it("numbers lines and keeps a last line without newline", async () => {
    const file = tmp();
    fs.writeFileSync(file, "a\r\nb\nc");
    const got: Array<NumberedLine | null> = [];
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
    const got: NumberedLine[] = [];
    const reading = (async () => {
      for await (const l of readLines(file, { follow: true, pollMs: 20, stopped: () => stop })) if (l) got.push(l);
    })();
    const until = async (n: number) => {
      for (let i = 0; i < 200 && got.length < n; i++) await new Promise((r) => setTimeout(r, 10));
    };
    await until(1);
    expect(got).toEqual([{ lineNo: 1, line: "one" }]);
    fs.appendFileSync(file, "o\nthree\n");
    await until(3);
    // Rotation: the old file moves away and a new one starts.
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, "fresh\n");
    await until(4);
    stop = true;
    await reading;
    expect(got).toEqual([
      { lineNo: 1, line: "one" },
      { lineNo: 2, line: "two" },
      { lineNo: 3, line: "three" },
      { lineNo: 1, line: "fresh" },
    ]);
  });
});

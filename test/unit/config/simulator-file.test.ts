import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSimulatorTimeZone } from "@/lib/config/simulator-file";

describe("the simulated centre's time zone", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccs-simfile-"));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it("is read from the config file's timeZone", () => {
    expect(readSimulatorTimeZone(write("zoned.json", JSON.stringify({ timeZone: "Australia/Perth", queues: [] })))).toBe("Australia/Perth");
  });

  it("is undefined for a missing file, bad JSON or no zone, so the caller's default holds", () => {
    expect(readSimulatorTimeZone(path.join(dir, "missing.json"))).toBeUndefined();
    expect(readSimulatorTimeZone(write("bad.json", "{ not json"))).toBeUndefined();
    expect(readSimulatorTimeZone(write("unzoned.json", JSON.stringify({ timeZone: 3 })))).toBeUndefined();
    expect(readSimulatorTimeZone(write("array.json", "[]"))).toBeUndefined();
  });
});

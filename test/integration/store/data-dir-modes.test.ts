import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testStore } from "../helpers/store";

/** Every entry under dir (links not followed) whose mode lets group or others in. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if ((fs.lstatSync(p).mode & 0o077) !== 0) found.push(`${p} ${(fs.lstatSync(p).mode & 0o777).toString(8)}`);
    if (entry.isDirectory()) found.push(...openToOthers(p));
  }
  return found;
}

describe("the embedded store's files", () => {
  it("are the owner's only, though the shell's umask would let others read them", async () => {
    process.umask(0o022);
    const { ch, env } = await testStore();
    await ch.command({ query: "CREATE TABLE IF NOT EXISTS modes_probe (x UInt8) ENGINE = MergeTree ORDER BY x" });
    await ch.insert({ table: "modes_probe", values: [{ x: 1 }], format: "JSONEachRow" });
    const files = fs.readdirSync(path.join(env.DATA_DIR, "chdb"), { recursive: true });
    expect(files.length).toBeGreaterThan(10);
    expect(fs.statSync(env.DATA_DIR).mode & 0o777).toBe(0o700);
    expect(openToOthers(env.DATA_DIR)).toEqual([]);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR, readMigrations } from "@/sql/migrate";
import { queryRows, testStore } from "../helpers/store";

describe("migrations on embedded chDB", () => {
  it("records every migration with its checksum and applies nothing twice", async () => {
    const { ch } = await testStore();
    const rows = await queryRows<{ name: string; checksum: string }>(ch, "SELECT name, checksum FROM schema_migrations ORDER BY name");
    expect(rows).toEqual(readMigrations().map((m) => ({ name: m.name, checksum: m.checksum })));
    expect(await migrate(ch)).toEqual({ applied: [], alreadyApplied: rows.length });
  });

  it("stops when an applied file was edited", async () => {
    const { ch } = await testStore();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mig-"));
    for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    fs.appendFileSync(path.join(dir, "0002_dimensions.sql"), "\n-- edited\n");
    await expect(migrate(ch, dir)).rejects.toThrow(/0002_dimensions\.sql has changed/);
  });
});

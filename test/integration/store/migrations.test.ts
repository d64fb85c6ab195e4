import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { migrate, MIGRATIONS_DIR, readMigrations } from "@/sql/migrate";
import { readOnlyQuery } from "@/lib/store/read-only-query";
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

describe("readOnlyQuery", () => {
  it("answers SELECTs, refuses anything else, and leaves the process able to write", async () => {
    const { ch } = await testStore();
    expect(await readOnlyQuery(ch, "SELECT 1 + 1 AS two;")).toEqual([{ two: 2 }]);
    await expect(readOnlyQuery(ch, "DROP TABLE audit_log")).rejects.toThrow();
    await expect(readOnlyQuery(ch, "INSERT INTO audit_log (actor) VALUES ('x')")).rejects.toThrow();
    await expect(readOnlyQuery(ch, "SELECT 1; DROP TABLE audit_log")).rejects.toThrow(/one statement/);
    // The store still takes writes afterwards (a sticky readonly setting once broke ingest).
    await ch.insert({ table: "audit_log", values: [{ id: "6f1c2a3b-4d5e-4f60-8a7b-000000000001", actor: "t", action: "test" }], format: "JSONEachRow" });
    const rows = await queryRows<{ n: string }>(ch, "SELECT count() n FROM audit_log WHERE actor = 't'");
    expect(Number(rows[0]?.n)).toBe(1);
  });
});

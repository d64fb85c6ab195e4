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

describe("tables an ingest insert reaches", () => {
  it("each has a deduplication window, so a block sent again after a crash is stored once (docs/architecture.md, 'After a crash')", async () => {
    const { ch } = await testStore();
    const views = await queryRows<{ name: string; create_table_query: string }>(
      ch,
      "SELECT name, create_table_query FROM system.tables WHERE database = currentDatabase() AND engine = 'MaterializedView'",
    );
    // A view fed by the raw table or the entry table, and the table it writes ("... TO db.table ... FROM cti_events").
    const fed = views
      .filter((v) => /\bFROM\s+(\w+\.)?cti_events(_in)?\b/i.test(v.create_table_query))
      .map((v) => /\bTO\s+(?:\w+\.)?(\w+)/i.exec(v.create_table_query)?.[1] ?? `(no target in ${v.name})`);
    const targets = [...new Set(["cti_events", ...fed])].sort();
    expect(targets).toContain("agent_rings");
    expect(targets.length).toBeGreaterThan(8);
    const tables = await queryRows<{ name: string; create_table_query: string }>(
      ch,
      "SELECT name, create_table_query FROM system.tables WHERE database = currentDatabase() AND name IN {names:Array(String)}",
      { names: targets },
    );
    const withoutWindow = tables.filter((t) => !/non_replicated_deduplication_window\s*=\s*[1-9]/.test(t.create_table_query)).map((t) => t.name);
    expect(tables.map((t) => t.name).sort()).toEqual(targets);
    expect(withoutWindow).toEqual([]);
  });
});

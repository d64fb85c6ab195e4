import type { ClickHouseClient } from "@clickhouse/client";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { queryRows } from "@/lib/store/query-rows";
import { storeCommand, storeInsert } from "@/lib/store/store-call";

/**
 * Numbered .sql migrations, applied in order and recorded (name + checksum) in
 * schema_migrations. An applied file that has since changed stops the runner:
 * the store no longer matches the code, and guessing would be worse than stopping.
 * The same runner serves chDB and a ClickHouse server.
 */
export const MIGRATIONS_DIR = path.join(process.cwd(), "sql", "migrations");

export type Migration = { name: string; checksum: string; statements: string[] };

export class MigrationError extends Error {
  name = "MigrationError";
}

/** Splits a migration into statements at `;` ending a line; comments are dropped. */
export function splitStatements(sql: string): string[] {
  const withoutComments = sql
    .split("\n")
    .map((line) => line.replace(/^\s*--.*$/, ""))
    .join("\n");
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function checksum(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), "utf8");
      return { name, checksum: checksum(text), statements: splitStatements(text) };
    });
}

export type AppliedMigration = { name: string; checksum: string };
const appliedRow = z.object({ name: z.string(), checksum: z.string() });
// A migration may move a whole history (0011): it gets the migration kind's generous limits.
const MIGRATION = { kind: "migration" } as const;

/** Pure: which migrations to apply, or why we must refuse. */
export function plan(files: Migration[], applied: AppliedMigration[]): Migration[] {
  const byName = new Map(files.map((m) => [m.name, m]));
  for (const a of applied) {
    const file = byName.get(a.name);
    if (!file) throw new MigrationError(`applied migration ${a.name} is missing from ${MIGRATIONS_DIR}`);
    if (file.checksum !== a.checksum) {
      throw new MigrationError(
        `applied migration ${a.name} has changed since it ran (checksum ${a.checksum.slice(0, 12)} in the store, ${file.checksum.slice(0, 12)} on disk); add a new migration instead of editing an applied one`,
      );
    }
  }
  const done = new Set(applied.map((a) => a.name));
  return files.filter((m) => !done.has(m.name));
}

export async function appliedMigrations(ch: ClickHouseClient): Promise<AppliedMigration[]> {
  await storeCommand(
    ch,
    `CREATE TABLE IF NOT EXISTS schema_migrations
      (name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
      ENGINE = MergeTree ORDER BY name`,
    {},
    MIGRATION,
  );
  return queryRows(ch, "SELECT name, any(checksum) AS checksum FROM schema_migrations GROUP BY name ORDER BY name", {}, appliedRow, MIGRATION);
}

export type MigrationReport = { applied: string[]; alreadyApplied: number };

export async function migrate(ch: ClickHouseClient, dir = MIGRATIONS_DIR): Promise<MigrationReport> {
  const files = readMigrations(dir);
  const applied = await appliedMigrations(ch);
  const todo = plan(files, applied);
  for (const m of todo) {
    for (const statement of m.statements) {
      try {
        await storeCommand(ch, statement, {}, MIGRATION);
      } catch (e) {
        throw new MigrationError(`${m.name}: ${(e as Error).message}`);
      }
    }
    await storeInsert(ch, "schema_migrations", [{ name: m.name, checksum: m.checksum }], MIGRATION);
  }
  return { applied: todo.map((m) => m.name), alreadyApplied: applied.length };
}

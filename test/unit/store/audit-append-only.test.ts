import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMPACTED_TABLES } from "@/lib/store/compact";

/**
 * The audit log is append-only in fact: no code or SQL of the product (migrations,
 * compaction, retention, CLIs, the worker) holds a statement that could change or
 * remove an audit_log row, drop or empty the table, or let a merge or TTL remove
 * rows. Statements whose table name is interpolated are listed, so a new one
 * is looked at. The scanner is checked against statements that must be caught.
 */

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const SCANNED_DIRS = ["app", "lib", "server", "ingest", "scripts", "sql", "bench", "infra", "components"];
const SCANNED_FILES = ["instrumentation.ts", "instrumentation-node.ts", "proxy.ts", "next.config.js", "docker-compose.yml", "Dockerfile"];
const EXTENSIONS = /\.(ts|tsx|js|mjs|cjs|sql|sh|ya?ml|xml)$/;
const SKIP = new Set(["node_modules", "target", ".next"]);

function files(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    if (d.isDirectory()) return SKIP.has(d.name) ? [] : files(rel);
    return EXTENSIONS.test(d.name) ? [rel] : [];
  });
}

const TABLE = String.raw`[\x60"]?(?:\w+[\x60"]?\.[\x60"]?)?audit_log\b[\x60"]?`;
const IF_EXISTS = String.raw`(?:\s+IF\s+EXISTS)?`;
/** Statements that change or remove rows, or the table, whatever follows. */
const FORBIDDEN = new RegExp(
  String.raw`\b(?:DELETE\s+FROM|UPDATE|TRUNCATE(?:\s+TABLE)?${IF_EXISTS}|DROP(?:\s+TEMPORARY)?\s+TABLE${IF_EXISTS}|OPTIMIZE\s+TABLE|RENAME\s+TABLE|EXCHANGE\s+TABLES|DETACH\s+TABLE${IF_EXISTS}|REPLACE\s+TABLE|CREATE\s+OR\s+REPLACE\s+TABLE)\s+${TABLE}`,
  "gi",
);
/** ALTER TABLE audit_log ...: only these clauses, which leave rows as they are. */
const ALTER = new RegExp(String.raw`\bALTER\s+TABLE${IF_EXISTS}\s+${TABLE}([^;\x60]*)`, "gi");
const ALLOWED_ALTER_CLAUSE =
  /^\s*(ADD\s+COLUMN\s+IF\s+NOT\s+EXISTS\s+\w+\s+[\w()]+(\s+DEFAULT\s+('[^']*'|\w+))?|MODIFY\s+SETTING\s+non_replicated_deduplication_window\s*=\s*\d+)\s*$/i;
/** The table's definition: plain MergeTree (a Replacing or Collapsing engine removes rows in merges) and no TTL. */
const CREATE = new RegExp(String.raw`\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${TABLE}([^;]*)`, "gi");
/** Mutations whose table is interpolated: each one is listed below and checked by what it may name. */
const INTERPOLATED = /\b(DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|DROP\s+TABLE|OPTIMIZE\s+TABLE|ALTER\s+TABLE|RENAME\s+TABLE|EXCHANGE\s+TABLES|UPDATE)\s+\$\{/gi;

function problems(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(FORBIDDEN)) out.push(`forbidden: ${m[0]}`);
  for (const m of text.matchAll(ALTER)) {
    for (const clause of (m[1] ?? "").split(/,(?![^(]*\))/)) if (!ALLOWED_ALTER_CLAUSE.test(clause)) out.push(`ALTER clause not allowed on audit_log: ${clause.trim()}`);
  }
  for (const m of text.matchAll(CREATE)) {
    const body = m[1] ?? "";
    if (!/\bENGINE\s*=\s*MergeTree\b/i.test(body)) out.push("audit_log must be a plain MergeTree");
    if (/\bTTL\b/i.test(body)) out.push("audit_log must have no TTL");
  }
  return out;
}

describe("the append-only scanner", () => {
  it("catches every way to change or remove audit rows", () => {
    const caught = [
      "DELETE FROM audit_log WHERE 1",
      "ALTER TABLE audit_log DELETE WHERE at < now()",
      "ALTER TABLE default.audit_log UPDATE actor = 'x' WHERE 1",
      "ALTER TABLE audit_log DROP PARTITION 202601",
      "ALTER TABLE audit_log MODIFY TTL at + INTERVAL 1 YEAR",
      "ALTER TABLE `audit_log` ADD COLUMN IF NOT EXISTS x String, DROP COLUMN details",
      "ALTER TABLE audit_log MODIFY COLUMN details String DEFAULT ''",
      "TRUNCATE TABLE IF EXISTS audit_log",
      "TRUNCATE audit_log",
      "DROP TABLE IF EXISTS audit_log",
      "OPTIMIZE TABLE audit_log FINAL DEDUPLICATE",
      "RENAME TABLE audit_log TO audit_old",
      "EXCHANGE TABLES audit_log AND audit_new",
      "DETACH TABLE audit_log",
      "UPDATE audit_log SET actor = 'x' WHERE 1",
      "CREATE TABLE IF NOT EXISTS audit_log (id UUID) ENGINE = ReplacingMergeTree ORDER BY id",
      "CREATE TABLE audit_log (at DateTime) ENGINE = MergeTree ORDER BY at TTL at + INTERVAL 1 DAY",
      "ALTER TABLE audit_log MODIFY SETTING merge_with_ttl_timeout = 1",
    ];
    for (const sql of caught) expect(problems(sql), sql).not.toEqual([]);
  });

  it("lets through what leaves rows alone", () => {
    const fine = [
      "ALTER TABLE audit_log ADD COLUMN IF NOT EXISTS actor_name String DEFAULT '';",
      "ALTER TABLE audit_log MODIFY SETTING non_replicated_deduplication_window = 10000;",
      "INSERT INTO audit_log (id) VALUES (generateUUIDv4())",
      "SELECT count() FROM audit_log WHERE id = {id:UUID}",
      "DELETE FROM agent_state_daily WHERE 1",
    ];
    for (const sql of fine) expect(problems(sql), sql).toEqual([]);
  });
});

describe("the product's code and SQL", () => {
  const scanned = [...SCANNED_DIRS.flatMap(files), ...SCANNED_FILES.filter((f) => fs.existsSync(path.join(ROOT, f)))];

  it("hold no statement that changes or removes audit_log rows", () => {
    expect(scanned.length).toBeGreaterThan(100);
    const found = scanned.flatMap((f) => problems(fs.readFileSync(path.join(ROOT, f), "utf8")).map((p) => `${f}: ${p}`));
    expect(found).toEqual([]);
  });

  it("define audit_log once, in migration 0008, as a plain MergeTree", () => {
    const creating = scanned.filter((f) => [...fs.readFileSync(path.join(ROOT, f), "utf8").matchAll(CREATE)].length > 0);
    expect(creating).toEqual([path.join("sql", "migrations", "0008_audit_dead_letters.sql")]);
  });

  it("interpolate a table name into a mutation only where the names come from a list without audit_log", () => {
    const found = scanned.flatMap((f) => [...fs.readFileSync(path.join(ROOT, f), "utf8").matchAll(INTERPOLATED)].map((m) => `${f}: ${m[1]?.toUpperCase()}`));
    expect(found).toEqual([path.join("lib", "store", "compact.ts") + ": OPTIMIZE TABLE"]);
    expect(COMPACTED_TABLES as readonly string[]).not.toContain("audit_log");
  });
});

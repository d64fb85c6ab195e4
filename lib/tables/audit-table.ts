import type { AuditEntryView } from "@/lib/audit/list-audit";
import type { Column } from "./table";

/**
 * The audit log as a table, for the admin page and its CSV export alike. A
 * settings change shows what changed ("waiting.warning: 3 → 0"); the full
 * details (JSON) are in the file for whoever needs every field.
 */

type Leaf = string | number | boolean | null;

function flatten(value: unknown, prefix: string, out: Map<string, Leaf>): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    out.set(prefix, value);
  } else {
    out.set(prefix, JSON.stringify(value) ?? null);
  }
}

const show = (v: Leaf | undefined) => (v === undefined ? "(none)" : typeof v === "string" ? v : JSON.stringify(v));

/** The fields `before` and `after` disagree on, one per line as "path: before → after"; other details as "key: value". */
export function changeLines(details: Record<string, unknown>): string[] {
  const { before, after, ...rest } = details;
  const lines: string[] = [];
  if (before !== undefined || after !== undefined) {
    const b = new Map<string, Leaf>();
    const a = new Map<string, Leaf>();
    flatten(before, "", b);
    flatten(after, "", a);
    for (const path of new Set([...b.keys(), ...a.keys()])) {
      if (b.get(path) !== a.get(path)) lines.push(`${path || "value"}: ${show(b.get(path))} → ${show(a.get(path))}`);
    }
  }
  const others = new Map<string, Leaf>();
  flatten(rest, "", others);
  for (const [path, v] of others) lines.push(`${path}: ${show(v)}`);
  return lines;
}

export const AUDIT_COLUMNS: readonly Column<AuditEntryView>[] = [
  { id: "at", header: "Time", kind: "time", value: (r) => r.at },
  { id: "actor_name", header: "Actor", kind: "text", value: (r) => r.actorName },
  { id: "actor_id", header: "Actor id", kind: "text", value: (r) => r.actorId },
  { id: "role", header: "Role", kind: "text", value: (r) => r.role },
  { id: "action", header: "Action", kind: "text", value: (r) => r.action },
  { id: "target", header: "Target", kind: "text", value: (r) => r.target },
  { id: "from", header: "From", kind: "text", value: (r) => r.clientAddress || null },
  { id: "change", header: "Change", kind: "text", value: (r) => changeLines(r.details).join("\n") },
];

/** The file has the entry id and every detail as JSON besides the page's columns. */
export const AUDIT_CSV_COLUMNS: readonly Column<AuditEntryView>[] = [
  { id: "id", header: "Entry id", kind: "text", value: (r) => r.id },
  { id: "at_utc", header: "Time (UTC, ISO 8601)", kind: "text", value: (r) => new Date(r.at).toISOString() },
  ...AUDIT_COLUMNS,
  { id: "details", header: "Details (JSON)", kind: "text", value: (r) => JSON.stringify(r.details) },
];

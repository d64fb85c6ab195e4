import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listAudit } from "@/lib/audit/list-audit";
import { writeAudit, type AuditEntry } from "@/lib/audit/write-audit";
import { parseCsv } from "@/lib/csv/csv";
import { exportAuditCsv } from "@/lib/export/audit-csv";
import { updateThresholdSettings } from "@/lib/live/store/threshold-settings";
import { THRESHOLDS_AUDIT_ACTION } from "@/lib/live/store/thresholds-record";
import { DEFAULT_THRESHOLDS } from "@/lib/live/thresholds";
import { freshTenant, queryRows, testStore } from "../helpers/store";

/**
 * The admin's audit reader and export on the real engine: entries written through
 * the one writer (and one row in the shape written before migration 0018) come
 * back filtered by time, actor and action, newest first and paged; the CSV holds
 * the same rows with formula-safe cells. Expected rows are computed here from the
 * entries the test wrote, not by the reader's code.
 */

const T0 = Date.UTC(2026, 10, 2, 8, 0, 0);
const MIN = 60_000;

type Written = {
  id: string;
  at: number;
  actorId: string;
  actorName: string;
  role: string;
  action: string;
  target: string;
  from: string;
  details: Record<string, unknown>;
};

function entries(): Written[] {
  const e = (i: number, actorId: string, actorName: string, action: string, details: Record<string, unknown>, from = `10.0.0.${i}`): Written => ({
    id: randomUUID(),
    at: T0 + i * MIN,
    actorId,
    actorName,
    role: actorId === "ada" ? "admin" : "manager",
    action,
    target: `queue:q${i}`,
    from,
    details,
  });
  return [
    e(0, "ada", "Ada Admin", "queue_definition.update", { before: { slThresholdS: 20 }, after: { slThresholdS: 30 } }),
    e(1, "bob", "Bob Boss", "wallboard_thresholds.update", {
      before: { waiting: { warning: 3, critical: 8 } },
      after: { waiting: { warning: 0, critical: 8 } },
      version: 2,
    }),
    e(2, "ada", "Ada Admin", "wallboard_thresholds.update", { before: { waiting: { warning: 0 } }, after: { waiting: { warning: 4 } } }),
    e(3, "eve", '=HYPERLINK("http://evil.example")', "user.update", { note: "+1 role change" }, "203.0.113.9, 10.0.0.1"),
    e(4, "ada", "Ada Admin", "queue_definition.update", { before: { slVariant: "a" }, after: { slVariant: "b" } }),
  ];
}

async function seed(tenantId: string): Promise<Written[]> {
  const { ch } = await testStore();
  const written = entries();
  for (const w of written) {
    const entry: AuditEntry = {
      tenantId,
      id: w.id,
      at: w.at,
      actor: { id: w.actorId, name: w.actorName, role: w.role },
      action: w.action,
      target: w.target,
      details: w.details,
      from: w.from,
    };
    await writeAudit(ch, entry);
  }
  // A row as written before 0018: the name only inside details, no address.
  const legacy: Written = {
    id: randomUUID(),
    at: T0 + 5 * MIN,
    actorId: "old",
    actorName: "Olga Old",
    role: "admin",
    action: "queue_definition.update",
    target: "queue:legacy",
    from: "",
    details: { before: { shortAbandonS: 5 }, after: { shortAbandonS: 10 } },
  };
  await ch.insert({
    table: "audit_log",
    format: "JSONEachRow",
    values: [
      {
        tenant_id: tenantId,
        id: legacy.id,
        at: legacy.at,
        actor: "old",
        role: "admin",
        action: legacy.action,
        target: legacy.target,
        details: JSON.stringify({ actorName: "Olga Old", ...legacy.details }),
      },
    ],
  });
  // The same entry stored twice (a repair past the deduplication window): shown once.
  const dup = written[1];
  if (dup) {
    await ch.insert({
      table: "audit_log",
      format: "JSONEachRow",
      clickhouse_settings: { insert_deduplication_token: `repeat-${dup.id}` },
      values: [
        {
          tenant_id: tenantId,
          id: dup.id,
          at: dup.at,
          actor: dup.actorId,
          actor_name: dup.actorName,
          role: dup.role,
          action: dup.action,
          target: dup.target,
          client_address: dup.from,
          details: JSON.stringify({ actorName: dup.actorName, ...dup.details }),
        },
      ],
    });
  }
  return [...written, legacy];
}

const newestFirst = (ws: Written[]) => [...ws].sort((a, b) => b.at - a.at);

describe("the audit reader", () => {
  it("lists who, what, when, from where and the change, newest first, each entry once, with every action for the filter", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("audit-list");
    const all = await seed(tenantId);
    const page = await listAudit(ch, { tenantId });
    expect(page.total).toBe(all.length);
    expect(page.items.map((i) => i.id)).toEqual(newestFirst(all).map((w) => w.id));
    expect(page.actions).toEqual([...new Set(all.map((w) => w.action))].sort());
    for (const w of all) {
      const got = page.items.find((i) => i.id === w.id);
      expect(got).toEqual({
        id: w.id,
        at: w.at,
        actorId: w.actorId,
        actorName: w.actorName,
        role: w.role,
        action: w.action,
        target: w.target,
        clientAddress: w.from,
        details: w.details,
      });
    }
  });

  it("filters by time (from inclusive, to exclusive), by any part of the actor's id or name, and by action, and pages", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("audit-filter");
    const all = await seed(tenantId);
    const ids = async (f: Parameters<typeof listAudit>[1]) => (await listAudit(ch, f)).items.map((i) => i.id);
    const expected = (keep: (w: Written) => boolean) => newestFirst(all.filter(keep)).map((w) => w.id);

    expect(await ids({ tenantId, from: T0 + MIN, to: T0 + 4 * MIN })).toEqual(expected((w) => w.at >= T0 + MIN && w.at < T0 + 4 * MIN));
    expect(await ids({ tenantId, actor: "ADA" })).toEqual(expected((w) => w.actorId === "ada"));
    expect(await ids({ tenantId, actor: "olga" })).toEqual(expected((w) => w.actorId === "old"));
    expect(await ids({ tenantId, actions: ["wallboard_thresholds.update", "user.update"] })).toEqual(
      expected((w) => w.action === "wallboard_thresholds.update" || w.action === "user.update"),
    );
    expect(await ids({ tenantId, actor: "ada", actions: ["queue_definition.update"], from: T0 + MIN })).toEqual(
      expected((w) => w.actorId === "ada" && w.action === "queue_definition.update" && w.at >= T0 + MIN),
    );
    const second = await listAudit(ch, { tenantId, limit: 2, offset: 2 });
    expect(second.total).toBe(all.length);
    expect(second.items.map((i) => i.id)).toEqual(
      newestFirst(all)
        .slice(2, 4)
        .map((w) => w.id),
    );
    expect(await ids({ tenantId: freshTenant("audit-empty") })).toEqual([]);
  });
});

describe("the audit export", () => {
  it("holds the filtered entries as CSV, times in the asked zone, formula-looking cells made text", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("audit-csv");
    const all = await seed(tenantId);
    const file = await exportAuditCsv(ch, { tenantId, from: T0, to: T0 + 4 * MIN }, "Europe/Berlin");
    const rows = parseCsv(file.csv);
    expect(file.filename).toBe("audit-2026-11-02_2026-11-02.csv");
    expect(rows[0]).toEqual(["Entry id", "Time (UTC, ISO 8601)", "Time", "Actor", "Actor id", "Role", "Action", "Target", "From", "Change", "Details (JSON)"]);
    const kept = newestFirst(all.filter((w) => w.at < T0 + 4 * MIN));
    expect(rows.slice(1).map((r) => r[0])).toEqual(kept.map((w) => w.id));

    const bob = rows.find((r) => r[4] === "bob");
    // 08:01 UTC is 09:01 in Berlin in November.
    expect(bob?.slice(1, 10)).toEqual([
      "2026-11-02T08:01:00.000Z",
      "2026-11-02 09:01:00",
      "Bob Boss",
      "bob",
      "manager",
      "wallboard_thresholds.update",
      "queue:q1",
      "10.0.0.1",
      "waiting.warning: 3 → 0\nversion: 2",
    ]);
    expect(JSON.parse(bob?.[10] ?? "")).toEqual(all[1]?.details);

    const eve = rows.find((r) => r[4] === "eve");
    expect(eve?.[3]).toBe('\'=HYPERLINK("http://evil.example")');
    expect(eve?.[8]).toBe("203.0.113.9, 10.0.0.1");
    expect(eve?.[9]).toBe("note: +1 role change");
  });
});

describe("an audited settings edit", () => {
  it("records before and after and the editor's address, in the audit row and in the version's claim", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("audit-edit");
    const after = { ...DEFAULT_THRESHOLDS, waiting: { warning: 1, critical: 2 } };
    await updateThresholdSettings(ch, tenantId, { queueId: "*", thresholds: after }, { id: "ada", name: "Ada Admin", role: "admin", from: "192.0.2.7" });
    const page = await listAudit(ch, { tenantId, actions: [THRESHOLDS_AUDIT_ACTION] });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ actorId: "ada", actorName: "Ada Admin", role: "admin", target: "queue:*", clientAddress: "192.0.2.7" });
    expect(page.items[0]?.details).toEqual({ before: DEFAULT_THRESHOLDS, after, version: 1 });
    const claims = await queryRows<{ actor_address: string }>(ch, "SELECT actor_address FROM record_versions WHERE tenant_id = {t:String}", { t: tenantId });
    expect(claims).toEqual([{ actor_address: "192.0.2.7" }]);
  });
});

import type { ClickHouseClient } from "@clickhouse/client";
import { listAllAudit, type AuditFilter } from "@/lib/audit/list-audit";
import { toCsv } from "@/lib/csv/csv";
import { InvalidInput } from "@/lib/errors/domain-errors";
import { AUDIT_CSV_COLUMNS } from "@/lib/tables/audit-table";
import { tableText } from "@/lib/tables/table";
import { toLocalDate } from "@/lib/time/periods";
import type { CsvFile } from "./csv-export";

/**
 * The audit log as a CSV file, with the filters of the admin page. A file never
 * holds less than was asked for without saying so: past AUDIT_EXPORT_MAX entries
 * the export is refused with the count, and the admin narrows the period.
 * Cells go through the CSV writer's formula guard (an actor name or a target
 * could start with "=").
 */
export const AUDIT_EXPORT_MAX = 100_000;

export async function exportAuditCsv(ch: ClickHouseClient, filter: AuditFilter, tz: string, now = Date.now()): Promise<CsvFile> {
  const { total, items } = await listAllAudit(ch, filter, AUDIT_EXPORT_MAX);
  if (total > AUDIT_EXPORT_MAX) {
    throw new InvalidInput(`${total} audit entries match; an export holds at most ${AUDIT_EXPORT_MAX}: narrow the period or the filters`);
  }
  const first = filter.from === undefined ? "start" : toLocalDate(filter.from, tz);
  const last = toLocalDate((filter.to ?? now) - 1, tz);
  return { filename: `audit-${first}_${last}.csv`, csv: toCsv(tableText(AUDIT_CSV_COLUMNS, items, { tz }, "csv")) };
}

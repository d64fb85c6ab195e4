"use client";

import type { FormEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { AUDIT_COLUMNS } from "@/lib/tables/audit-table";
import { formatCount } from "@/lib/tables/format";
import { AUDIT_PAGE_SIZE, auditExportHref, auditRequest } from "@/lib/views/audit-request";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useView } from "@/components/kit/use-view";
import { DataTable } from "@/components/table/data-table";
import { Pager } from "@/components/table/pager";
import { TableCard } from "@/components/table/table-card";
import styles from "./audit.module.css";

/** Admins: the audit log, newest first, filtered by days, actor and action, paged, and downloadable as CSV. */
export function AuditView() {
  const { params, param, setParams } = useView();
  const tz = useShownTimeZone();
  const a = auditRequest(params, tz);
  const log = useQuery({ ...apiQueryOptions("/api/admin/audit", a.req), placeholderData: keepPreviousData });

  const { req, page } = a;
  const actions = req.action ?? [];
  const total = log.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const action = text("action");
    setParams({ start: text("start"), end: text("end"), actor: text("actor"), action: action ? [action] : undefined, page: undefined });
  };
  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">Audit log</h1>
          <p className="page-subtitle">Who changed what, when and from where. Entries are never changed or removed. Times in {tz}.</p>
        </div>
      </div>
      {/* Keyed by the URL, so the fields show what applies after a back/forward or a shared link. */}
      <form key={params.toString()} className={styles.filters} onSubmit={apply} aria-label="Filter the audit log">
        <TextField id="audit-start" name="start" type="date" label="From day" initial={param("start") ?? ""} />
        <TextField id="audit-end" name="end" type="date" label="To day" initial={param("end") ?? ""} />
        <TextField id="audit-actor" name="actor" type="search" label="Actor" initial={req.actor ?? ""} placeholder="id or name" />
        <div className="field">
          <label className="field-label" htmlFor="audit-action">
            Action
          </label>
          <select id="audit-action" name="action" className="select select-wide" defaultValue={actions[0] ?? ""}>
            <option value="">All actions</option>
            {(log.data?.actions ?? actions).map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          Apply
        </button>
      </form>
      <div className={styles.log}>
        <TableCard
          id="audit-table"
          title="Entries"
          subtitle={
            log.data && (
              <span data-testid="audit-total" data-value={total}>
                {formatCount(total)} {total === 1 ? "entry" : "entries"}
              </span>
            )
          }
          query={log}
          isEmpty={(d) => d.total === 0}
          empty={{ title: "No entries match", hint: "Choose other days, another actor or action." }}
          csvHref={auditExportHref(req, tz)}
        >
          {(d) => (
            <>
              <DataTable caption="Audit log" columns={AUDIT_COLUMNS} rows={d.items} ctx={{ tz }} rowKey={(r) => r.id} testId="audit-table" />
              <Pager page={page} pages={pages} onPage={(n) => setParams({ page: n <= 1 ? undefined : String(n) })} />
            </>
          )}
        </TableCard>
      </div>
    </div>
  );
}

function TextField({ id, name, type, label, initial, placeholder }: { id: string; name: string; type: string; label: string; initial: string; placeholder?: string }) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} name={name} type={type} className="input" defaultValue={initial} placeholder={placeholder} />
    </div>
  );
}

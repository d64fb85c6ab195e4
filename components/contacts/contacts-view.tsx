"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CONTACT_FILTERS, CONTACT_FILTER_LABELS, type ContactFilter } from "@/lib/kpi/contact-filters";
import { agentsQueryOptions, apiQueryOptions } from "@/lib/query-options/api-query";
import { exportHref } from "@/lib/query-options/export-href";
import { CONTACTS_PAGE_SIZE, contactsRequest } from "@/lib/views/contacts-request";
import type { ViewParams } from "@/lib/views/view-params";
import { CONTACT_COLUMNS } from "@/lib/tables/contact-table";
import { WEEKDAY_NAMES } from "@/lib/tables/heatmap-table";
import { formatCount, formatDateTime } from "@/lib/tables/format";
import { toLocalDate } from "@/lib/time/periods";
import { PeriodCaption } from "@/components/kit/period-caption";
import { useNow } from "@/components/kit/use-client-clock";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useView } from "@/components/kit/use-view";
import { useHydrated } from "@/components/kit/use-hydrated";
import { ViewToolbar } from "@/components/kit/view-toolbar";
import { DataTable } from "@/components/table/data-table";
import { Pager } from "@/components/table/pager";
import { TableCard } from "@/components/table/table-card";

/**
 * A changed filter starts again at page 1; a changed period also drops an explain
 * link's exact range, which the new period replaces.
 */
function reset(patch: Partial<ViewParams>) {
  return "period" in patch ? { from: undefined, to: undefined, page: undefined } : { page: undefined };
}

const hourSpan = (h: number) => `${String(h).padStart(2, "0")}:00–${String((h + 1) % 24).padStart(2, "0")}:00`;

/** The contacts behind a number: filterable, sortable (by the store) and paginated. */
export function ContactsView({ callHref = false }: { /** Rows link to the call page (users who may open recordings). */ callHref?: boolean }) {
  const { view, setView, setParams, params } = useView();
  const tz = useShownTimeZone();
  const now = useNow();
  const hydrated = useHydrated();
  const c = contactsRequest({ params, view, now, tz });
  const list = useQuery({
    ...apiQueryOptions("/api/contacts", c.req),
    placeholderData: keepPreviousData,
  });

  const { req, range, explicit, page } = c;
  // The agent filter's chip names its agents (the directory's list, shared with the address check).
  const agents = useQuery({ ...agentsQueryOptions(), enabled: req.agent.length > 0 });
  const agentNames = req.agent.map((id) => agents.data?.agents.find((a) => a.id === id)?.name ?? id);
  // With an exact range, the period control shows it as the custom days it covers.
  const shownView: ViewParams = explicit ? { ...view, period: "custom", start: toLocalDate(range.from, tz), end: toLocalDate(range.to - 1, tz) } : view;
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / CONTACTS_PAGE_SIZE));
  const first = total === 0 ? 0 : req.offset + 1;
  const last = Math.min(req.offset + CONTACTS_PAGE_SIZE, total);
  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">Contacts</h1>
          {explicit ? (
            <p className="page-subtitle" data-testid="period-caption" data-from={range.from} data-to={range.to}>
              From {formatDateTime(range.from, tz)} to {formatDateTime(range.to, tz)} (end excluded) · times in {tz}
            </p>
          ) : (
            <PeriodCaption period={view.period} range={range} tz={tz} updatedAt={list.dataUpdatedAt} explicitRange />
          )}
          {req.wd !== undefined && req.hour !== undefined && (
            <p className="page-subtitle" data-testid="slot-caption" data-wd={req.wd} data-hour={req.hour}>
              Only {WEEKDAY_NAMES[req.wd - 1]}s {hourSpan(req.hour)} ({tz}), from the heatmap ·{" "}
              <button type="button" className="link-button" onClick={() => setParams({ wd: undefined, hour: undefined, page: undefined })}>
                show every hour
              </button>
            </p>
          )}
        </div>
      </div>
      <ViewToolbar view={shownView} range={range} tz={tz} onChange={(patch) => setView({ ...view, ...patch }, reset(patch))}>
        <div className="field">
          <label className="field-label" htmlFor="contact-filter">
            List
          </label>
          <select
            id="contact-filter"
            className="select select-wide"
            value={req.filter}
            disabled={!hydrated}
            onChange={(e) => setParams({ filter: e.target.value === "all" ? undefined : (e.target.value as ContactFilter), page: undefined })}
          >
            {CONTACT_FILTERS.map((f) => (
              <option key={f} value={f}>
                {CONTACT_FILTER_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        {req.agent.length > 0 && (
          <div className="field">
            <span className="field-label">Agent</span>
            <span className="chip" data-testid="agent-filter">
              {agentNames.join(", ")}{" "}
              <button type="button" className="link-button" onClick={() => setParams({ agent: undefined, page: undefined })} aria-label="Show all agents">
                ×
              </button>
            </span>
          </div>
        )}
      </ViewToolbar>
      <TableCard
        id="contacts-table"
        title="Contacts"
        subtitle={
          list.data && (
            <span data-testid="contacts-total" data-value={total}>
              {formatCount(total)} {total === 1 ? "contact" : "contacts"}: {CONTACT_FILTER_LABELS[req.filter].toLowerCase()}
              {total > 0 && ` · rows ${formatCount(first)}–${formatCount(last)}`}
              {total > list.data.exportMaxRows && (
                <span className="export-cut-notice" data-testid="export-cut-notice">
                  {" "}
                  · the CSV holds the first {formatCount(list.data.exportMaxRows)} (the export limit) and says so in its last line
                </span>
              )}
            </span>
          )
        }
        query={list}
        isEmpty={(d) => d.total === 0}
        empty={{ title: "No contacts match", hint: "Choose another list, period, queue or team." }}
        csvHref={exportHref("contacts", { ...req, limit: undefined, offset: undefined }, { tz })}
      >
        {(d) => (
          <>
            <DataTable
              caption="Contacts"
              columns={CONTACT_COLUMNS}
              rows={d.items}
              ctx={{ tz }}
              rowKey={(r) => r.legId}
              rowHref={callHref ? (r) => `/calls/${encodeURIComponent(r.callId)}` : undefined}
              sort={{
                state: { id: req.sort, dir: req.dir },
                server: true,
                sortable: (col) => CONTACT_COLUMNS.some((x) => x.id === col.id && x.sort),
                onSort: (s) => setParams({ sort: s.id, dir: s.dir, page: undefined }),
              }}
              testId="contacts-table"
            />
            <Pager page={page} pages={pages} onPage={(n) => setParams({ page: n <= 1 ? undefined : String(n) })} />
          </>
        )}
      </TableCard>
    </div>
  );
}

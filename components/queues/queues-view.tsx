"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { exportHref } from "@/lib/query-options/export-href";
import { tableRequests } from "@/lib/views/table-requests";
import { viewHref } from "@/lib/views/view-params";
import { QUEUE_COLUMNS, QUEUE_DEFAULT_SORT } from "@/lib/tables/queue-table";
import { queueTotals } from "@/lib/tables/totals";
import { filterScope } from "@/lib/kpi/not-applicable";
import { BackfillBanner } from "@/components/kit/backfill-banner";
import { PeriodCaption } from "@/components/kit/period-caption";
import { useNow } from "@/components/kit/use-client-clock";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useView } from "@/components/kit/use-view";
import { ViewToolbar } from "@/components/kit/view-toolbar";
import { ColumnNotes } from "@/components/table/column-notes";
import { DataTable } from "@/components/table/data-table";
import { TableCard } from "@/components/table/table-card";
import { useTableSort } from "@/components/table/use-table-sort";
// The "Against target" cells are coloured by their status (data-tone).
import "@/components/kit/rag.css";

/** Queues: one row per queue with every KPI, sortable, each row opening that queue's page. */
export function QueuesView() {
  const { view, setView } = useView();
  const tz = useShownTimeZone();
  const now = useNow();
  const [sort, setSort] = useTableSort(QUEUE_COLUMNS, QUEUE_DEFAULT_SORT);
  const r = tableRequests({ view, now, tz });
  const queues = useQuery({
    ...apiQueryOptions("/api/kpi/queues", r.queues, { live: r.live }),
    placeholderData: keepPreviousData,
  });

  const csv = exportHref("queues", r.queues, { sort: sort.id, dir: sort.dir });
  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">Queues</h1>
          <PeriodCaption period={view.period} range={r.range} tz={tz} updatedAt={queues.dataUpdatedAt} />
        </div>
      </div>
      <BackfillBanner />
      <ViewToolbar view={view} range={r.range} tz={tz} onChange={setView} />
      <TableCard
        id="queues-table"
        title="Queues"
        subtitle="Each queue judged by its own service-level threshold and variant; click a queue for its trend"
        query={queues}
        isEmpty={(rows) => rows.length === 0}
        empty={{ title: "No queues", hint: "No queue is configured and none had calls in this period. Pick another period or clear the filters." }}
        csvHref={csv}
      >
        {(rows) => (
          <>
            <DataTable
              caption="KPIs per queue"
              columns={QUEUE_COLUMNS}
              rows={rows}
              ctx={{ tz }}
              rowKey={(q) => q.queueId}
              rowHref={(q) => viewHref(`/queues/${encodeURIComponent(q.queueId)}`, { ...view, queueIds: [] })}
              sort={{ state: sort, onSort: setSort }}
              testId="queues-table"
              totals={queueTotals(rows, filterScope(view.teamIds))}
            />
            <ColumnNotes columns={QUEUE_COLUMNS} />
          </>
        )}
      </TableCard>
    </div>
  );
}

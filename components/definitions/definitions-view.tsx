"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { CONVENTIONS, QUEUE_DEFAULTS, SL_VARIANT_DEFINITIONS, isSlVariant } from "@/lib/kpi/definitions";
import { apiQueryOptions } from "@/lib/query-options/api-query";
import { formatDateTime } from "@/lib/tables/format";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { TARGET_AMBER_BAND_PTS } from "@/lib/targets/rag";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { DefinitionRow } from "./definition-row";
import { ScrollRegion } from "@/components/table/scroll-region";

const variantLabel = (v: string) => (isSlVariant(v) ? SL_VARIANT_DEFINITIONS[v].label : v);

/** Admins set each queue's service-level threshold and variant and its short-abandon threshold. */
export function DefinitionsView() {
  const defs = useQuery(apiQueryOptions("/api/definitions", {}));
  const tz = useShownTimeZone();
  // Page-level, since a saved row is rebuilt from the stored settings (its key has the version).
  const [saved, setSaved] = useState("");
  return (
    <div className="dashboard">
      <div className="page-header">
        <div>
          <h1 className="page-title">KPI definitions</h1>
          <p className="page-subtitle">{CONVENTIONS.thresholds} Each save raises the queue&apos;s settings version, shown beside every number computed with it.</p>
        </div>
      </div>
      <section className="card" aria-labelledby="definitions-title" aria-busy={defs.isPending}>
        <h2 className="card-title" id="definitions-title">
          Queue settings
        </h2>
        <p className="save-status" role="status" data-testid="save-status">
          {saved}
        </p>
        {defs.isError && !defs.data ? (
          <ErrorState title="The settings could not be loaded." error={defs.error} onRetry={() => void defs.refetch()} />
        ) : !defs.data ? (
          <Skeleton className="table-skeleton" />
        ) : defs.data.queues.length === 0 ? (
          <EmptyState title="No queues configured">Queues appear here once the platform or the simulator has registered them.</EmptyState>
        ) : (
          <ScrollRegion label="KPI settings per queue" className="table-scroll table-wide">
            <table className="data-table definitions-table" data-testid="definitions-table">
              <caption className="sr-only">KPI settings per queue</caption>
              <thead>
                <tr>
                  <th scope="col">Queue</th>
                  <th scope="col">SL threshold (s)</th>
                  <th scope="col">SL variant</th>
                  <th scope="col">SL target (% within T; amber {TARGET_AMBER_BAND_PTS} points below)</th>
                  <th scope="col">Short abandon (s, and whether a wait of exactly that is short)</th>
                  <th scope="col">Longest possible wait (s; 0 = not known, {QUEUE_DEFAULTS.maxWaitS} s used)</th>
                  <th scope="col">Version</th>
                  <th scope="col" className="col-text">
                    Save
                  </th>
                </tr>
              </thead>
              <tbody>
                {defs.data.queues.map((q) => (
                  // Keyed by version: after a save the row starts again from the stored settings.
                  <DefinitionRow key={`${q.id}:${q.definitionVersion}`} queue={q} onSaved={setSaved} />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
      <section className="card" aria-labelledby="changes-title">
        <h2 className="card-title" id="changes-title">
          Recent changes
        </h2>
        {defs.data && defs.data.changes.length === 0 ? (
          <p className="muted">No change has been made yet.</p>
        ) : (
          <ul className="change-list" data-testid="definition-changes">
            {defs.data?.changes.map((c) => (
              <li key={`${c.at}:${c.queueId}`}>
                <time dateTime={new Date(c.at).toISOString()}>{formatDateTime(c.at, tz)}</time> · <strong>{c.actor}</strong> ({c.role}) changed{" "}
                <strong>{c.queueId}</strong> to v{c.after.definitionVersion}: T {c.before.slThresholdS} → {c.after.slThresholdS} s, short abandon {c.before.shortAbandonS}{" "}
                → {c.after.shortAbandonS} s ({c.before.shortAbandonRule} → {c.after.shortAbandonRule}), longest wait {c.before.maxWaitS} → {c.after.maxWaitS} s, target{" "}
                {c.before.slTargetPct} → {c.after.slTargetPct}%, {variantLabel(c.before.slVariant)} → {variantLabel(c.after.slVariant)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

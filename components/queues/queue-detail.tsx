"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { SL_VARIANT_DEFINITIONS, isSlVariant } from "@/lib/kpi/definitions";
import { queuesQueryOptions } from "@/lib/query-options/api-query";
import { viewHref } from "@/lib/views/view-params";
import { KpiDashboard } from "@/components/kit/kpi-dashboard";
import { useNow } from "@/components/kit/use-client-clock";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useView } from "@/components/kit/use-view";

/** A queue's own page: its KPIs by its own settings, with changes, sparklines and its trend. */
export function QueueDetail({ queueId, canAdmin }: { queueId: string; canAdmin: boolean }) {
  const { view, setView } = useView();
  const tz = useShownTimeZone();
  const now = useNow();
  const queues = useQuery(queuesQueryOptions());
  const queue = queues.data?.queues.find((q) => q.id === queueId);

  const settings = queue ? (
    <p className="page-subtitle" data-testid="queue-settings" data-version={queue.definitionVersion} data-threshold={queue.slThresholdS}>
      Service level target {queue.slTargetPct}% within {queue.slThresholdS} s ·{" "}
      {isSlVariant(queue.slVariant) ? SL_VARIANT_DEFINITIONS[queue.slVariant].label : queue.slVariant} · short abandon under {queue.shortAbandonS} s · settings v
      {queue.definitionVersion}
      {canAdmin && (
        <>
          {" "}
          · <Link href="/definitions">change</Link>
        </>
      )}
    </p>
  ) : queues.isSuccess ? (
    <p className="page-subtitle">This queue has no settings row; the default thresholds apply.</p>
  ) : null;

  return (
    <KpiDashboard
      title={
        <>
          <Link className="crumb" href={viewHref("/queues", view)}>
            Queues
          </Link>{" "}
          / {queue?.name ?? queueId}
        </>
      }
      aside={settings}
      view={view}
      setView={setView}
      tz={tz}
      now={now}
      canDrill
      queueId={queueId}
    />
  );
}

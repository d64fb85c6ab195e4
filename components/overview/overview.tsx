"use client";

import { KpiDashboard } from "@/components/kit/kpi-dashboard";
import { useNow } from "@/components/kit/use-client-clock";
import { useShownTimeZone } from "@/components/kit/shown-zone";
import { useView } from "@/components/kit/use-view";

/** The overview page's client side: the view in the URL, in the zone the page shows. */
export function Overview({ canDrill }: { canDrill: boolean }) {
  const { view, setView } = useView();
  const tz = useShownTimeZone();
  const now = useNow();
  return <KpiDashboard title="Overview" view={view} setView={setView} tz={tz} now={now} canDrill={canDrill} />;
}

"use client";

import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { KpiDashboard } from "@/components/kit/kpi-dashboard";
import { useBrowserTimeZone, useNow } from "@/components/kit/use-client-clock";
import { useView } from "@/components/kit/use-view";

/** The overview page's client side: waits for the viewer's time zone, then shows the view. */
export function Overview({ initialTz, canDrill }: { initialTz: string | null; canDrill: boolean }) {
  const { view, setView } = useView();
  const tz = useBrowserTimeZone(initialTz);
  const now = useNow();
  if (tz === null) return <DashboardSkeleton />;
  return <KpiDashboard title="Overview" view={view} setView={setView} tz={tz} now={now} canDrill={canDrill} />;
}

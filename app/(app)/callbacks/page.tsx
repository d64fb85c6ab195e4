import type { Metadata } from "next";
import { Suspense } from "react";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getTelephony } from "@/lib/telephony/registry";
import { pathWithQuery } from "@/lib/views/page-path";
import { requestTimeZone } from "@/lib/prefetch/request-time-zone";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { CallbacksView } from "@/components/callbacks/callbacks-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Callbacks · Contact centre supervisor" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Missed callers and their callbacks: managers read it; supervisors and admins call back when the platform can. */
export default async function CallbacksPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const user = await requirePageUser("dashboards", pathWithQuery("/callbacks", sp));
  const canCall = can(user.role, "monitor") && getTelephony().capabilities.originateCallback;
  return (
    <Suspense fallback={<DashboardSkeleton title="Callbacks" tiles={0} />}>
      <CallbacksView initialTz={await requestTimeZone()} canCall={canCall} />
    </Suspense>
  );
}

import type { Metadata } from "next";
import { Suspense } from "react";
import { can } from "@/lib/auth/roles";
import { requirePageUser } from "@/lib/auth/session";
import { getTelephony } from "@/lib/telephony/registry";
import { pathWithQuery } from "@/lib/views/page-path";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { CallbacksView } from "@/components/callbacks/callbacks-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Callbacks · Contact centre supervisor" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Missed callers and their callbacks: managers read it; supervisors and admins call back when the platform can. */
export default async function CallbacksPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const user = await requirePageUser("dashboards", pathWithQuery("/callbacks", sp));
  const caps = getTelephony().capabilities;
  // What the platform can ring first, for a role that acts on the floor; "myself" needs a phone of one's own.
  const firsts = can(user.role, "monitor") && caps.originateCallback ? caps.callbackFirst : [];
  const myPhone = firsts.includes("supervisor") && user.extension ? user.extension : null;
  return (
    <Suspense fallback={<DashboardSkeleton title="Callbacks" tiles={0} />}>
      <CallbacksView agentFirst={firsts.includes("agent")} myPhone={myPhone} />
    </Suspense>
  );
}

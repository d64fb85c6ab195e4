import type { Metadata } from "next";
import { Suspense } from "react";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/session";
import { pathWithQuery } from "@/lib/views/page-path";
import { auditRequest } from "@/lib/views/audit-request";
import { recordSource } from "@/lib/views/view-params";
import { prefetchEndpoint } from "@/lib/prefetch/prefetch-endpoint";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { requestTimeZone } from "@/lib/prefetch/request-time-zone";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { AuditView } from "@/components/audit/audit-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log · Contact centre supervisor" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Admins only: the audit log, read and exported. Prefetched in the zone the page shows (its days are local days). */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const user = await requirePageUser("admin", pathWithQuery("/admin/audit", sp));
  const tz = await requestTimeZone();
  const state = await prefetchPage(user, (ctx) => prefetchEndpoint(ctx, "/api/admin/audit", auditRequest(recordSource(sp), tz).req));
  return (
    <HydrationBoundary state={state}>
      <Suspense fallback={<DashboardSkeleton title="Audit log" tiles={0} />}>
        <AuditView />
      </Suspense>
    </HydrationBoundary>
  );
}

import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/session";
import { prefetchEndpoint } from "@/lib/prefetch/prefetch-endpoint";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { MonitoringPolicyView } from "@/components/admin/monitoring-policy-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Monitoring policy · Contact centre supervisor" };

/** Admins only: per queue, what supervisors may do on its calls and who is told. */
export default async function MonitoringPolicyPage() {
  const user = await requirePageUser("admin", "/admin/monitoring");
  const state = await prefetchPage(user, (ctx) => prefetchEndpoint(ctx, "/api/monitor/policy", {}));
  return (
    <HydrationBoundary state={state}>
      <MonitoringPolicyView />
    </HydrationBoundary>
  );
}

import type { Metadata } from "next";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/session";
import { pathWithQuery } from "@/lib/views/page-path";
import { prefetchAgent } from "@/lib/prefetch/agent-page";
import { pageView } from "@/lib/prefetch/page-view";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { pageSubjectFound } from "@/lib/prefetch/page-subject";
import { safeDecode } from "@/lib/prefetch/safe-decode";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { AgentDetail } from "@/components/agents/agent-detail";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Agent · Contact centre supervisor" };

type Props = { params: Promise<{ agentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AgentPage({ params, searchParams }: Props) {
  const [{ agentId: raw }, sp] = await Promise.all([params, searchParams]);
  const agentId = safeDecode(raw);
  const user = await requirePageUser("dashboards", pathWithQuery(`/agents/${raw}`, sp));
  if (!(await pageSubjectFound(user, { agent: agentId }))) notFound();
  const pv = await pageView(sp);
  const state = await prefetchPage(user, (ctx) => prefetchAgent(ctx, pv, agentId));
  return (
    <HydrationBoundary state={state}>
      <Suspense fallback={<DashboardSkeleton title="Agent" tiles={6} />}>
        <AgentDetail agentId={agentId} />
      </Suspense>
    </HydrationBoundary>
  );
}

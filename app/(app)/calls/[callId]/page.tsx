import type { Metadata } from "next";
import { Suspense } from "react";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { callEndpoint } from "@/lib/api/endpoints/calls";
import { getEnv } from "@/lib/env";
import { OutOfScope } from "@/lib/errors/domain-errors";
import { getClickHouse } from "@/lib/store/client";
import { safeDecode } from "@/lib/prefetch/safe-decode";
import { pathWithQuery } from "@/lib/views/page-path";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { CallPage } from "@/components/calls/call-page";
import { CallEvaluationSlot } from "@/components/qa/call-evaluation-slot";
import { can } from "@/lib/auth/roles";
import { isWholeCentre, scopeAccess } from "@/lib/auth/scope-access";
import "../calls.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Call · Contact centre supervisor" };

type Props = { params: Promise<{ callId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A call's page. The call is read here, through its endpoint's declaration (the
 * same scope step as GET /api/calls/{callId}), so a call out of the user's scope
 * is the app's 404 exactly like an unknown one.
 */
export default async function CallRoute({ params, searchParams }: Props) {
  const [{ callId: raw }, sp] = await Promise.all([params, searchParams]);
  const user = await requirePageUser("recordings", pathWithQuery(`/calls/${raw}`, sp));
  const callId = safeDecode(raw);
  if (callId.length === 0 || callId.length > 128) notFound();
  const env = getEnv();
  const ch = await getClickHouse(env);
  const view = await callEndpoint.run({ ch, tenantId: env.TENANT_ID, user, signal: new AbortController().signal }, { callId }, undefined).catch((e: unknown) => {
    if (e instanceof OutOfScope) return null;
    throw e;
  });
  if (!view) notFound();
  return (
    <Suspense fallback={<DashboardSkeleton title="Call" tiles={0} />}>
      <CallPage
        view={view}
        evaluationSlot={can(user.role, "evaluate") ? <CallEvaluationSlot /> : undefined}
        canRestore={can(user.role, "admin") && isWholeCentre(scopeAccess(user.scope))}
      />
    </Suspense>
  );
}

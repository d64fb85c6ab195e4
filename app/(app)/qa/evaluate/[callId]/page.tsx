import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { EvaluateCallView } from "@/components/qa/evaluate-call-view";
import { QaPageHeader } from "@/components/qa/qa-page-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Evaluate a call · Contact centre supervisor" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * A call evaluated on its own page (the call page /calls/[callId] embeds the same
 * panel beside its player). `t` (seconds) places the stand-in position control.
 */
export default async function EvaluateCallPage({
  params,
  searchParams,
}: {
  params: Promise<{ callId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callId } = await params;
  const sp = await searchParams;
  const user = await requirePageUser("evaluate", `/qa/evaluate/${encodeURIComponent(callId)}`);
  const t = Number(first(sp.t) ?? 0);
  return (
    <div className="dashboard">
      <QaPageHeader title={`Evaluate call ${callId}`} role={user.role} />
      <EvaluateCallView
        callId={callId}
        recordingId={first(sp.recordingId)}
        calibrationId={first(sp.calibrationId)}
        startMs={Number.isFinite(t) && t > 0 ? Math.floor(t) * 1000 : 0}
      />
    </div>
  );
}

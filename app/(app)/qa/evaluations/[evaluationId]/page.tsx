import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { EvaluationView } from "@/components/qa/evaluation-view";
import { QaPageHeader } from "@/components/qa/qa-page-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Evaluation · Contact centre supervisor" };

export default async function EvaluationPage({ params }: { params: Promise<{ evaluationId: string }> }) {
  const { evaluationId } = await params;
  const user = await requirePageUser("qaDashboard", `/qa/evaluations/${encodeURIComponent(evaluationId)}`);
  return (
    <div className="dashboard">
      <QaPageHeader title="Evaluation" role={user.role} />
      <EvaluationView evaluationId={evaluationId} role={user.role} />
    </div>
  );
}

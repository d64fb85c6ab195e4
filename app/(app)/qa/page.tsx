import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { dashboardPeriodEnd } from "@/lib/qa/dashboard/period-end";
import { QaDashboardView } from "@/components/qa/qa-dashboard-view";
import { QaPageHeader } from "@/components/qa/qa-page-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Quality · Contact centre supervisor" };

/** Evaluation scores by agent, team, queue, question and day (managers, supervisors in their scope, QA, admins). */
export default async function QaPage() {
  const user = await requirePageUser("qaDashboard", "/qa");
  return (
    <div className="dashboard">
      <QaPageHeader title="Quality" subtitle="Scores of submitted evaluations; calibration scores are left out." role={user.role} />
      <QaDashboardView periodEnd={dashboardPeriodEnd()} />
    </div>
  );
}

import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { QaPageHeader } from "@/components/qa/qa-page-header";
import { ScorecardBuilder } from "@/components/qa/scorecard-builder";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Scorecards · Contact centre supervisor" };

/** Admins build scorecard forms; every save is a new version, audited. */
export default async function ScorecardsPage() {
  const user = await requirePageUser("admin", "/qa/scorecards");
  return (
    <div className="dashboard">
      <QaPageHeader title="Scorecards" subtitle="Each save is a new version; an evaluation keeps the version it was scored with." role={user.role} />
      <ScorecardBuilder />
    </div>
  );
}

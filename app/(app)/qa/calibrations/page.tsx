import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { CalibrationsView } from "@/components/qa/calibrations-view";
import { QaPageHeader } from "@/components/qa/qa-page-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Calibration · Contact centre supervisor" };

export default async function CalibrationsPage() {
  const user = await requirePageUser("evaluate", "/qa/calibrations");
  return (
    <div className="dashboard">
      <QaPageHeader title="Calibration" subtitle="Several evaluators score one call blind; the spread shows where they differ." role={user.role} />
      <CalibrationsView />
    </div>
  );
}

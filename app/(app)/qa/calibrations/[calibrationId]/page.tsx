import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { CalibrationSpreadView } from "@/components/qa/calibrations-view";
import { QaPageHeader } from "@/components/qa/qa-page-header";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Calibration · Contact centre supervisor" };

export default async function CalibrationPage({ params }: { params: Promise<{ calibrationId: string }> }) {
  const { calibrationId } = await params;
  const user = await requirePageUser("evaluate", `/qa/calibrations/${encodeURIComponent(calibrationId)}`);
  return (
    <div className="dashboard">
      <QaPageHeader title="Calibration" role={user.role} />
      <CalibrationSpreadView calibrationId={calibrationId} />
    </div>
  );
}

import { requirePageUser } from "@/lib/auth/session";
import { ThresholdForm } from "@/components/wallboard/threshold-form";

export const dynamic = "force-dynamic";

/** Admins: the wallboard's colour thresholds per queue. */
export default async function WallboardThresholdsPage() {
  await requirePageUser("admin", "/wallboard/thresholds");
  return <ThresholdForm />;
}

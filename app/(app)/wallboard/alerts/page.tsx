import { requirePageUser } from "@/lib/auth/session";
import { AlertSettingsForm } from "@/components/wallboard/alert-settings-form";

export const dynamic = "force-dynamic";

/** Admins: when the wallboard raises alerts (agents in not-ready or after-call work, callers waiting, queues below target). */
export default async function WallboardAlertsPage() {
  await requirePageUser("admin", "/wallboard/alerts");
  return <AlertSettingsForm />;
}

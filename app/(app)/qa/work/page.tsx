import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { QaPageHeader } from "@/components/qa/qa-page-header";
import { WorkQueueView } from "@/components/qa/work-queue-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "QA work queue · Contact centre supervisor" };

export default async function QaWorkPage() {
  const user = await requirePageUser("evaluate", "/qa/work");
  return (
    <div className="dashboard">
      <QaPageHeader title="Work queue" subtitle="Calls sampled for you to evaluate." role={user.role} />
      <WorkQueueView />
    </div>
  );
}

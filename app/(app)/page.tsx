import { Suspense } from "react";
import { requirePageUser } from "@/lib/auth/session";
import { Overview } from "@/components/overview/overview";
import { OverviewSkeleton } from "@/components/overview/overview-skeleton";

export const dynamic = "force-dynamic";

/** The overview is rendered in the browser: its periods are the viewer's local days. */
export default async function OverviewPage() {
  await requirePageUser("overview", "/");
  return (
    <Suspense fallback={<OverviewSkeleton />}>
      <Overview />
    </Suspense>
  );
}

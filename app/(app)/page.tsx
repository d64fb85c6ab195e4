import { Suspense } from "react";
import { requirePageUser } from "@/lib/auth/session";
import { Overview } from "@/components/overview/overview";
import { OverviewSkeleton } from "@/components/overview/overview-skeleton";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The view state travels through sign-in, so a shared link opens the view it names. */
function pathWithQuery(path: string, sp: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) query.append(k, one);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The overview is rendered in the browser: its periods are the viewer's local days. */
export default async function OverviewPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("overview", pathWithQuery("/", await searchParams));
  return (
    <Suspense fallback={<OverviewSkeleton />}>
      <Overview />
    </Suspense>
  );
}

import type { Metadata } from "next";
import { Suspense } from "react";
import { requirePageUser } from "@/lib/auth/session";
import { pathWithQuery } from "@/lib/views/page-path";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { SearchView } from "@/components/search/search-view";
import "../calls/calls.css";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Search transcripts · Contact centre supervisor" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  await requirePageUser("recordings", pathWithQuery("/search", sp));
  return (
    <Suspense fallback={<DashboardSkeleton title="Search" tiles={0} />}>
      <SearchView />
    </Suspense>
  );
}

import type { Metadata } from "next";
import { Suspense } from "react";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { pathWithQuery } from "@/lib/views/page-path";
import { prefetchContactsPage } from "@/lib/prefetch/contacts-page";
import { pageView } from "@/lib/prefetch/page-view";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { DashboardSkeleton } from "@/components/kit/dashboard-skeleton";
import { ContactsView } from "@/components/contacts/contacts-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Contacts · Contact centre supervisor" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ContactsPage({ searchParams }: { searchParams: SearchParams }) {
  const sp = await searchParams;
  const user = await requirePageUser("contacts", pathWithQuery("/contacts", sp));
  const pv = await pageView(sp);
  const state = await prefetchPage(user, (ctx) => prefetchContactsPage(ctx, pv));
  return (
    <HydrationBoundary state={state}>
      <Suspense fallback={<DashboardSkeleton title="Contacts" tiles={0} />}>
        <ContactsView callHref={can(user.role, "recordings")} />
      </Suspense>
    </HydrationBoundary>
  );
}

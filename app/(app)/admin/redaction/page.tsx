import type { Metadata } from "next";
import { HydrationBoundary } from "@tanstack/react-query";
import { requirePageUser } from "@/lib/auth/session";
import { prefetchEndpoint } from "@/lib/prefetch/prefetch-endpoint";
import { prefetchPage } from "@/lib/prefetch/prefetch-page";
import { RedactionView } from "@/components/admin/redaction-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Redaction · Contact centre supervisor" };

/** Admins only: what redaction masks in transcripts, and whether originals are kept. */
export default async function RedactionPage() {
  const user = await requirePageUser("admin", "/admin/redaction");
  const state = await prefetchPage(user, (ctx) => prefetchEndpoint(ctx, "/api/admin/redaction", {}));
  return (
    <HydrationBoundary state={state}>
      <RedactionView />
    </HydrationBoundary>
  );
}

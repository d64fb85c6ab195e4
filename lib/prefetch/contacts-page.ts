import { contactsRequest } from "@/lib/views/contacts-request";
import type { PageView } from "./page-view";
import type { PrefetchContext } from "./prefetch-page";
import { prefetchEndpoint } from "./prefetch-endpoint";
import { prefetchDirectory } from "./directory";

export async function prefetchContactsPage(ctx: PrefetchContext, pv: PageView): Promise<void> {
  const c = contactsRequest({ params: pv.params, view: pv.view, now: pv.now, tz: pv.tz });
  await Promise.all([prefetchDirectory(ctx), prefetchEndpoint(ctx, "/api/contacts", c.req)]);
}

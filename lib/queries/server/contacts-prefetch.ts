import { contactsRequest } from "../contacts-request";
import type { PageView } from "./page-view";
import type { PrefetchContext } from "./prefetch";
import { prefetchContacts, prefetchQueues, prefetchTeams } from "./prefetch-queries";

export async function prefetchContactsPage(ctx: PrefetchContext, pv: PageView): Promise<void> {
  const c = pv.tz ? contactsRequest({ params: pv.params, view: pv.view, now: pv.now, tz: pv.tz }) : null;
  await Promise.all([prefetchQueues(ctx), prefetchTeams(ctx), c ? prefetchContacts(ctx, c.req) : undefined]);
}

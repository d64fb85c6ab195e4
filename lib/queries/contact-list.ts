import { queryOptions } from "@tanstack/react-query";
import type { ContactFilter, ContactPage, ContactSort } from "@/lib/kpi";
import { fetchJson } from "./fetch-json";
import { toSearchParams } from "./search-params";
import { sorted } from "./keys";

export type { ContactPage };

export type ContactsRequest = {
  from: number;
  to: number;
  queueIds: readonly string[];
  teamIds: readonly string[];
  agentIds: readonly string[];
  filter: ContactFilter;
  sort: ContactSort;
  dir: "asc" | "desc";
  limit: number;
  offset: number;
};

export const contactListQueryKey = (r: ContactsRequest) =>
  ["kpi", "contacts", r.from, r.to, sorted(r.queueIds), sorted(r.teamIds), sorted(r.agentIds), r.filter, r.sort, r.dir, r.limit, r.offset] as const;

export function contactsSearch(r: ContactsRequest, page = true): URLSearchParams {
  return toSearchParams({
    from: r.from,
    to: r.to,
    queue: r.queueIds,
    team: r.teamIds,
    agent: r.agentIds,
    filter: r.filter,
    sort: r.sort,
    dir: r.dir,
    ...(page ? { limit: r.limit, offset: r.offset } : {}),
  });
}

/**
 * One page of the contacts behind a number. Not refetched while shown: the list
 * is opened from a number, and must keep matching it while the user reads.
 */
export const contactListQueryOptions = (r: ContactsRequest) =>
  queryOptions({
    queryKey: contactListQueryKey(r),
    queryFn: ({ signal }) => fetchJson<ContactPage>(`/api/contacts?${contactsSearch(r)}`, signal),
  });

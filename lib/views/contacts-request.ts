import { CONTACT_FILTERS, type ContactFilter } from "@/lib/kpi/contact-filters";
import { CONTACT_SORTS, type ContactSort } from "@/lib/contacts/contact-sorts";
import type { TimeRange } from "@/lib/time/periods";
import type { ContactsRequest } from "@/lib/api/endpoints/contacts";
import { viewRange, type ParamSource, type ViewParams } from "@/lib/views/view-params";

export const CONTACTS_PAGE_SIZE = 50;

/** A heatmap cell's weekday (1 = Monday) and hour from the URL (?wd=1&hour=9), when both are valid. */
export function cellSlot(params: ParamSource): { wd: number; hour: number } | undefined {
  const wd = params.get("wd") ?? "";
  const hour = params.get("hour") ?? "";
  if (!/^[1-7]$/.test(wd) || !/^\d{1,2}$/.test(hour) || Number(hour) > 23) return undefined;
  return { wd: Number(wd), hour: Number(hour) };
}

/**
 * The contacts page's request from its URL. An "explain" link names the exact
 * range of the number it explains (from, to in epoch ms), so the list holds
 * exactly the contacts counted; without one, the view's period applies.
 */
export function contactsRequest(args: { params: ParamSource; view: ViewParams; now: number; tz: string }): {
  range: TimeRange;
  explicit: boolean;
  page: number;
  req: ContactsRequest;
} {
  const { params } = args;
  const from = Number(params.get("from"));
  const to = Number(params.get("to"));
  const explicit = /^\d{1,16}$/.test(params.get("from") ?? "") && /^\d{1,16}$/.test(params.get("to") ?? "") && from < to;
  const range = explicit ? { from, to } : viewRange(args.view, args.now, args.tz);
  const filter = params.get("filter");
  const sort = params.get("sort");
  const dir = params.get("dir");
  const pageRaw = Number(params.get("page") ?? "1");
  const slot = cellSlot(params);
  const page = Number.isInteger(pageRaw) && pageRaw >= 1 && pageRaw <= 20_000 ? pageRaw : 1;
  return {
    range,
    explicit,
    page,
    req: {
      from: range.from,
      to: range.to,
      queue: args.view.queueIds,
      team: args.view.teamIds,
      agent: [...new Set(params.getAll("agent").filter((a) => a.length > 0 && a.length <= 128))],
      filter: (CONTACT_FILTERS as readonly string[]).includes(filter ?? "") ? (filter as ContactFilter) : "all",
      sort: (CONTACT_SORTS as readonly string[]).includes(sort ?? "") ? (sort as ContactSort) : "queued_at",
      dir: dir === "asc" ? "asc" : "desc",
      limit: CONTACTS_PAGE_SIZE,
      offset: (page - 1) * CONTACTS_PAGE_SIZE,
      // A heatmap cell's weekday and hour are on the viewer's clock, as the heatmap drew them.
      ...(slot ? { ...slot, tz: args.tz } : {}),
    },
  };
}

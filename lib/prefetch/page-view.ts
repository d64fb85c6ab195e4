import { parseViewParams, recordSource, type ParamSource, type ViewParams } from "@/lib/views/view-params";
import { requestTimeZone } from "@/lib/prefetch/request-time-zone";

export type PageView = { view: ViewParams; params: ParamSource; tz: string; now: number };

/** A server page's view: its URL's view parameters, the zone it shows, and now. */
export async function pageView(sp: Record<string, string | string[] | undefined>): Promise<PageView> {
  const params = recordSource(sp);
  return { view: parseViewParams(params), params, tz: await requestTimeZone(), now: Date.now() };
}

"use client";

import { useCallback, useMemo } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { DEFAULT_PERIOD, isPeriodId, type PeriodId } from "@/lib/time/periods";
import { isSlVariant, type SlVariant } from "@/lib/kpi/definitions";

export type OverviewParams = { period: PeriodId; queueIds: string[]; variant: SlVariant | undefined };

/**
 * The overview's view state lives in the URL (?period=yesterday&queue=q1&sl=...),
 * so a view can be reloaded, bookmarked or sent to a colleague. Unknown values
 * fall back to defaults rather than failing.
 */
export function useOverviewParams(): [OverviewParams, (patch: Partial<OverviewParams>) => void] {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();

  const params = useMemo<OverviewParams>(() => {
    const period = searchParams.get("period");
    const sl = searchParams.get("sl");
    return {
      period: isPeriodId(period) ? period : DEFAULT_PERIOD,
      queueIds: searchParams.getAll("queue").filter((q) => q.length > 0),
      variant: sl !== null && isSlVariant(sl) ? sl : undefined,
    };
  }, [searchParams]);

  const update = useCallback(
    (patch: Partial<OverviewParams>) => {
      const next = { ...params, ...patch };
      const query = new URLSearchParams();
      if (next.period !== DEFAULT_PERIOD) query.set("period", next.period);
      for (const q of next.queueIds) query.append("queue", q);
      if (next.variant) query.set("sl", next.variant);
      const qs = query.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [params, pathname, router],
  );

  return [params, update];
}

"use client";

import { useCallback, useMemo } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { parseViewParams, viewQuery, type ParamSource, type ViewParams } from "@/lib/views/view-params";

/** A change to the URL: a value sets the key, a list repeats it, undefined removes it. */
export type ParamPatch = Record<string, string | readonly string[] | undefined>;

const VIEW_KEYS = ["period", "start", "end", "queue", "team", "sl"];

/**
 * The page's state in its URL: the shared view (period, queues, teams, variant)
 * plus page-specific keys (sort, page, ...). Writing replaces the history entry,
 * so the back button leaves the page rather than stepping through filter clicks.
 */
export function useView(): {
  view: ViewParams;
  /** Every URL parameter, for page-specific ones. */
  params: ParamSource;
  param: (key: string) => string | null;
  setParams: (patch: ParamPatch) => void;
  setView: (patch: Partial<ViewParams>, extra?: ParamPatch) => void;
} {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const view = useMemo(() => parseViewParams(searchParams), [searchParams]);

  const setParams = useCallback(
    (patch: ParamPatch) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(patch)) {
        next.delete(key);
        if (value === undefined) continue;
        if (typeof value === "string") next.set(key, value);
        else for (const v of value) next.append(key, v);
      }
      const qs = next.toString();
      router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [searchParams, pathname, router],
  );

  const setView = useCallback(
    (patch: Partial<ViewParams>, extra: ParamPatch = {}) => {
      const entries = viewQuery({ ...view, ...patch });
      const out: ParamPatch = Object.fromEntries(VIEW_KEYS.map((k) => [k, undefined]));
      for (const [k, v] of entries) {
        const prev = out[k];
        out[k] = prev === undefined ? v : [...(typeof prev === "string" ? [prev] : prev), v];
      }
      setParams({ ...out, ...extra });
    },
    [view, setParams],
  );

  const param = useCallback((key: string) => searchParams.get(key), [searchParams]);
  return { view, params: searchParams, param, setParams, setView };
}

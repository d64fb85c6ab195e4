import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "@/lib/query-options/fetch-json";

/**
 * Defaults for every query of the app. KPI data moves with the live feed, so it
 * is fresh for 15 s; a 4xx is the request's fault and retrying cannot help.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      },
    },
  });
}

/**
 * The query string for a request, the inverse of api-params' searchParamsObject.
 * Kept apart from the zod schemas there, so the browser's fetchers do not ship zod.
 */
export function toSearchParams(values: Record<string, string | number | readonly string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (typeof value === "string" || typeof value === "number") params.set(key, String(value));
    else for (const v of value) params.append(key, v);
  }
  return params;
}

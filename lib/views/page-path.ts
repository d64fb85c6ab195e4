/**
 * A page's path with its query string, so the view state travels through sign-in
 * and a shared link opens the view it names.
 */
export function pathWithQuery(path: string, sp: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) query.append(k, one);
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

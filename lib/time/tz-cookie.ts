/**
 * The viewer's time zone, remembered in a cookie so server pages can compute the
 * same local periods as the browser and prefetch a view's data. Only a hint: the
 * browser's own zone always wins once known.
 */
export const TZ_COOKIE = "tz";

export function tzCookieValue(tz: string): string {
  return `${TZ_COOKIE}=${encodeURIComponent(tz)}; path=/; max-age=31536000; samesite=lax`;
}

/**
 * Whose clock a page shows: the centre's (CENTRE_TIME_ZONE, the default, so a
 * supervisor in New York and one in London mean the same window by "Today") or
 * the viewer's own browser zone. The choice lives in a cookie so server renders
 * compute the same periods the browser will.
 */
export const ZONE_CHOICE_COOKIE = "tz-shown";

export type ZoneChoice = "centre" | "mine";

/** Anything but "mine" (no cookie, a stale or forged value) is the centre's clock. */
export function parseZoneChoice(raw: string | null | undefined): ZoneChoice {
  return raw === "mine" ? "mine" : "centre";
}

/**
 * The zone a page shows. "Mine" needs the viewer's zone; until it is known (the
 * server on a visit without the tz cookie) the centre's stands in, which the page
 * then says, so no window is ever unlabelled.
 */
export function shownZone(choice: ZoneChoice, centre: string, mine: string | null): string {
  return choice === "mine" && mine ? mine : centre;
}

export function zoneChoiceCookieValue(choice: ZoneChoice): string {
  return `${ZONE_CHOICE_COOKIE}=${choice}; path=/; max-age=31536000; samesite=lax`;
}

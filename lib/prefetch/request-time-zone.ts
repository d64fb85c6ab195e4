import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { TZ_COOKIE } from "@/lib/time/tz-cookie";
import { canonicalTimeZone } from "@/lib/time/valid-time-zone";
import { ZONE_CHOICE_COOKIE, parseZoneChoice, shownZone, type ZoneChoice } from "@/lib/time/zone-choice";

export type RequestZones = {
  centre: string;
  choice: ZoneChoice;
  /** The zone the viewer's browser last reported (tz cookie), or null before it has. */
  mine: string | null;
  /** The zone this request's page shows. */
  shown: string;
  /** When the request was read: the page's "now" until the browser has hydrated it. */
  at: number;
};

function cookieZone(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    return canonicalTimeZone(decodeURIComponent(raw));
  } catch {
    return null;
  }
}

/** The centre's zone, the viewer's choice and last known zone, from the configuration and the request's cookies. */
export async function requestZones(): Promise<RequestZones> {
  const jar = await cookies();
  const centre = getEnv().centreTimeZone;
  const choice = parseZoneChoice(jar.get(ZONE_CHOICE_COOKIE)?.value);
  const mine = cookieZone(jar.get(TZ_COOKIE)?.value);
  return { centre, choice, mine, shown: shownZone(choice, centre, mine), at: Date.now() };
}

/** The zone this request's page shows: always known, so a first visit renders on the server like any other. */
export async function requestTimeZone(): Promise<string> {
  return (await requestZones()).shown;
}

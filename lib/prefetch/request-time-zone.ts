import { cookies } from "next/headers";
import { TZ_COOKIE } from "@/lib/time/tz-cookie";
import { canonicalTimeZone } from "@/lib/time/valid-time-zone";

/** The zone the viewer's browser last reported (tz cookie), or null on a first visit. */
export async function requestTimeZone(): Promise<string | null> {
  const raw = (await cookies()).get(TZ_COOKIE)?.value;
  if (!raw) return null;
  try {
    return canonicalTimeZone(decodeURIComponent(raw));
  } catch {
    return null;
  }
}

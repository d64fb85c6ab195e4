import type { ReactNode } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { TopNav } from "@/components/shell/top-nav";
import { ZoneSwitch } from "@/components/shell/zone-switch";
import { ShownZoneProvider } from "@/components/kit/shown-zone";
import { requestZones } from "@/lib/prefetch/request-time-zone";
import "./dashboards.css";

/**
 * The signed-in shell. Each page still checks its own capability; this redirect
 * is the backstop for a page that forgets. A layout is not told the URL, so the
 * way back after sign-in comes from an `x-pathname` request header when a proxy
 * sets one (the sign-in page accepts only same-site paths, so a forged header can
 * only misdirect its own sender). It also fixes the page's clock (the centre's zone or
 * the viewer's, and the render instant) for server and browser alike.
 */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  if (!user) {
    const from = (await headers()).get("x-pathname");
    redirect(from ? `/signin?callbackUrl=${encodeURIComponent(from)}` : "/signin");
  }
  const zones = await requestZones();
  return (
    <ShownZoneProvider centre={zones.centre} choice={zones.choice} mineGuess={zones.mine} renderedAt={zones.at}>
      <TopNav user={user} />
      <main id="main" className="page" tabIndex={-1}>
        <ZoneSwitch />
        {children}
      </main>
    </ShownZoneProvider>
  );
}

import { requirePageUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";
import { getTelephony } from "@/lib/telephony/registry";
import { getEnv } from "@/lib/env";
import { Wallboard } from "@/components/wallboard/wallboard";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The live wallboard (supervisors and admins; managers read-only, without monitoring controls). `?tv=1`: full screen, large type, no controls. Agent tiles offer "Set state", and calls in conversation Listen / Whisper / Barge, to users with `monitor` when the platform can. */
export default async function WallboardPage({ searchParams }: { searchParams: SearchParams }) {
  const tv = (await searchParams).tv === "1";
  const user = await requirePageUser("wallboard", tv ? "/wallboard?tv=1" : "/wallboard");
  const canSetAgentState = can(user.role, "monitor") && getTelephony().capabilities.setAgentState;
  // Listen / whisper / barge: the platform's modes for a role with `monitor` (the API checks the same on every request).
  const monitorModes = can(user.role, "monitor") ? getTelephony().capabilities.monitorModes : [];
  // On a "phone" platform the PBX rings the supervisor's own extension: the page says so instead of opening the microphone.
  const monitorMedia =
    getTelephony().capabilities.monitorMedia === "phone" ? { kind: "phone" as const, extension: user.extension ?? null } : { kind: "browser" as const };
  const { WALLBOARD_TV_PAGE_SECONDS, WALLBOARD_STALE_SECONDS } = getEnv();
  return (
    <Wallboard
      tv={tv}
      canEditThresholds={can(user.role, "admin")}
      canSetAgentState={canSetAgentState}
      monitorModes={monitorModes}
      monitorMedia={monitorMedia}
      tvPageSeconds={WALLBOARD_TV_PAGE_SECONDS}
      staleSeconds={WALLBOARD_STALE_SECONDS}
    />
  );
}

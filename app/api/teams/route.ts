import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { listTeams } from "@/lib/queries/server/list-teams";
import type { TeamsResponse } from "@/lib/queries/team-list";

export const dynamic = "force-dynamic";

/** GET /api/teams: the tenant's teams and how many agents each has (for the team filter). */
export async function GET(): Promise<NextResponse> {
  try {
    await requireApiUser("overview");
    const env = getEnv();
    const body: TeamsResponse = { teams: await listTeams(await getClickHouse(env), env.TENANT_ID) };
    return NextResponse.json(body);
  } catch (e) {
    return errorResponse(e);
  }
}

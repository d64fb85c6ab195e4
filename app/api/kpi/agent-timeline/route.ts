import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { getAgentTimeline } from "@/lib/kpi";
import { searchParamsObject, timelineParamsSchema } from "@/lib/queries/api-params";

export const dynamic = "force-dynamic";

/** GET /api/kpi/agent-timeline?agent&from&to: one agent's state intervals (at most 8 days), gaps included. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  try {
    await requireApiUser("dashboards");
    const p = timelineParamsSchema.parse(searchParamsObject(request.nextUrl.searchParams));
    const env = getEnv();
    const timeline = await getAgentTimeline(await getClickHouse(env), { tenantId: env.TENANT_ID, agentId: p.agent, from: p.from, to: p.to });
    return NextResponse.json(timeline);
  } catch (e) {
    return errorResponse(e);
  }
}

import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { getAgentKpis } from "@/lib/kpi";
import { agentsParamsSchema, searchParamsObject } from "@/lib/queries/api-params";

export const dynamic = "force-dynamic";

/** GET /api/kpi/agents?from&to[&queue...][&team...][&agent...]: per agent and per team. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  try {
    await requireApiUser("dashboards");
    const p = agentsParamsSchema.parse(searchParamsObject(request.nextUrl.searchParams));
    const env = getEnv();
    const report = await getAgentKpis(await getClickHouse(env), {
      tenantId: env.TENANT_ID,
      from: p.from,
      to: p.to,
      queueIds: p.queue,
      teamIds: p.team,
      agentIds: p.agent,
    });
    return NextResponse.json(report);
  } catch (e) {
    return errorResponse(e);
  }
}

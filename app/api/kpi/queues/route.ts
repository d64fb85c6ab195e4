import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { getQueueKpis } from "@/lib/kpi";
import { queuesParamsSchema, searchParamsObject } from "@/lib/queries/api-params";

export const dynamic = "force-dynamic";

/** GET /api/kpi/queues?from&to[&queue...][&team...]: every KPI per queue, by each queue's own settings. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  try {
    await requireApiUser("dashboards");
    const p = queuesParamsSchema.parse(searchParamsObject(request.nextUrl.searchParams));
    const env = getEnv();
    const queues = await getQueueKpis(await getClickHouse(env), { tenantId: env.TENANT_ID, from: p.from, to: p.to, queueIds: p.queue, teamIds: p.team });
    return NextResponse.json(queues);
  } catch (e) {
    return errorResponse(e);
  }
}

import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { getHeatmap } from "@/lib/kpi";
import { heatmapParamsSchema, searchParamsObject } from "@/lib/queries/api-params";

export const dynamic = "force-dynamic";

/** GET /api/kpi/heatmap?from&to&tz[&queue...][&team...][&variant]: counts and KPIs by local weekday and hour. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  try {
    await requireApiUser("dashboards");
    const p = heatmapParamsSchema.parse(searchParamsObject(request.nextUrl.searchParams));
    const env = getEnv();
    const heatmap = await getHeatmap(await getClickHouse(env), {
      tenantId: env.TENANT_ID,
      from: p.from,
      to: p.to,
      tz: p.tz,
      queueIds: p.queue,
      teamIds: p.team,
      variant: p.variant,
    });
    return NextResponse.json(heatmap);
  } catch (e) {
    return errorResponse(e);
  }
}

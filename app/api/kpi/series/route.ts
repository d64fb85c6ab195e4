import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { getKpiSeries } from "@/lib/kpi";
import { searchParamsObject, seriesParamsSchema } from "@/lib/queries/api-params";

export const dynamic = "force-dynamic";

/** GET /api/kpi/series?from&to&interval&tz[&queue...][&team...][&variant]: gap-free counts and KPIs per interval. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  try {
    await requireApiUser("overview");
    const p = seriesParamsSchema.parse(searchParamsObject(request.nextUrl.searchParams));
    const env = getEnv();
    const series = await getKpiSeries(await getClickHouse(env), {
      tenantId: env.TENANT_ID,
      from: p.from,
      to: p.to,
      interval: p.interval,
      tz: p.tz,
      queueIds: p.queue,
      teamIds: p.team,
      variant: p.variant,
    });
    return NextResponse.json(series);
  } catch (e) {
    return errorResponse(e);
  }
}

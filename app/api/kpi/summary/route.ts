import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { getKpiSummary } from "@/lib/kpi";
import { searchParamsObject, summaryParamsSchema } from "@/lib/queries/api-params";

export const dynamic = "force-dynamic";

/** GET /api/kpi/summary?from&to[&queue...][&team...][&variant]: headline KPIs of a period. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  try {
    // Signed-out callers get 401 before any parameter is judged, so nothing is revealed to them.
    await requireApiUser("overview");
    const p = summaryParamsSchema.parse(searchParamsObject(request.nextUrl.searchParams));
    const env = getEnv();
    const summary = await getKpiSummary(await getClickHouse(env), {
      tenantId: env.TENANT_ID,
      from: p.from,
      to: p.to,
      queueIds: p.queue,
      teamIds: p.team,
      variant: p.variant,
    });
    return NextResponse.json(summary);
  } catch (e) {
    return errorResponse(e);
  }
}

import type { NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { exportCsv } from "@/lib/export/csv-export";
import { csvResponse } from "@/lib/export/csv-response";
import { exportParamsSchema, searchParamsObject } from "@/lib/queries/api-params";

export const dynamic = "force-dynamic";

/**
 * GET /api/export/{queues|agents|teams|contacts|trends|heatmap|timeline}?...: a
 * dashboard table as CSV, with the parameters of that table's own endpoint plus
 * the page's sort (sort, dir) and, where times are shown, tz.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ table: string }> }): Promise<Response> {
  try {
    await requireApiUser("dashboards");
    const p = exportParamsSchema.parse({ ...searchParamsObject(request.nextUrl.searchParams), table: (await params).table });
    const env = getEnv();
    return csvResponse(await exportCsv(await getClickHouse(env), env.TENANT_ID, p));
  } catch (e) {
    return errorResponse(e);
  }
}

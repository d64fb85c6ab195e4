import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { listContacts } from "@/lib/kpi";
import { contactsParamsSchema, searchParamsObject } from "@/lib/queries/api-params";

export const dynamic = "force-dynamic";

/** GET /api/contacts?from&to[&queue...][&team...][&agent...][&filter][&sort][&dir][&limit][&offset]: the contacts behind a number. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  try {
    await requireApiUser("dashboards");
    const p = contactsParamsSchema.parse(searchParamsObject(request.nextUrl.searchParams));
    const env = getEnv();
    const page = await listContacts(await getClickHouse(env), {
      tenantId: env.TENANT_ID,
      from: p.from,
      to: p.to,
      queueIds: p.queue,
      teamIds: p.team,
      agentIds: p.agent,
      filter: p.filter,
      sort: p.sort,
      direction: p.dir,
      limit: p.limit,
      offset: p.offset,
    });
    return NextResponse.json(page);
  } catch (e) {
    return errorResponse(e);
  }
}

import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { listQueues } from "@/lib/queries/server/list-queues";
import type { QueuesResponse } from "@/lib/queries/queue-list";

export const dynamic = "force-dynamic";

/** GET /api/queues: the tenant's queues, names and KPI thresholds (for filters and explain). */
export async function GET(): Promise<NextResponse> {
  try {
    await requireApiUser("overview");
    const env = getEnv();
    const body: QueuesResponse = { queues: await listQueues(await getClickHouse(env), env.TENANT_ID) };
    return NextResponse.json(body);
  } catch (e) {
    return errorResponse(e);
  }
}

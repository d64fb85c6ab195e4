import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { InvalidInput } from "@/lib/errors/domain-errors";
import { queueDefinitionChangeSchema, updateQueueDefinition } from "@/lib/kpi";

export const dynamic = "force-dynamic";

/**
 * PUT /api/definitions/{queueId} {slThresholdS, slVariant, shortAbandonS, expectedVersion?}:
 * an admin sets one queue's KPI settings. 409 when expectedVersion is stale.
 */
export async function PUT(request: NextRequest, { params }: { params: Promise<{ queueId: string }> }): Promise<NextResponse> {
  try {
    const user = await requireApiUser("admin");
    const body: unknown = await request.json().catch(() => {
      throw new InvalidInput('body must be JSON: {"slThresholdS": 20, "slVariant": "...", "shortAbandonS": 5}');
    });
    const change = queueDefinitionChangeSchema.parse(body);
    const env = getEnv();
    const result = await updateQueueDefinition(await getClickHouse(env), {
      tenantId: env.TENANT_ID,
      queueId: (await params).queueId,
      change,
      actor: { id: user.id, name: user.name, role: user.role },
    });
    return NextResponse.json(result);
  } catch (e) {
    return errorResponse(e);
  }
}

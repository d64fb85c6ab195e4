import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { InvalidInput } from "@/lib/errors/domain-errors";
import { thresholdsUpdateSchema } from "@/lib/live/thresholds-schema";
import { readThresholdSettings, updateThresholdSettings } from "@/lib/live/store/threshold-settings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/admin/thresholds: wallboard colour thresholds, the default and per queue. */
export async function GET(): Promise<NextResponse> {
  try {
    await requireApiUser("admin");
    const env = getEnv();
    return NextResponse.json(await readThresholdSettings(await getClickHouse(env), env.TENANT_ID));
  } catch (e) {
    return errorResponse(e);
  }
}

/**
 * PUT /api/admin/thresholds {queueId ("*" = default), thresholds, expectedVersion?}: sets one queue's
 * colours as the row's next version; answers the form's data plus {queueId, version, changed}.
 * 409 (with currentVersion) when expectedVersion is not the row's current version.
 */
export async function PUT(request: NextRequest): Promise<NextResponse> {
  try {
    const user = await requireApiUser("admin");
    const body: unknown = await request.json().catch(() => {
      throw new InvalidInput('body must be JSON: {"queueId": "...", "thresholds": {...}}');
    });
    const update = thresholdsUpdateSchema.parse(body);
    const env = getEnv();
    return NextResponse.json(await updateThresholdSettings(await getClickHouse(env), env.TENANT_ID, update, user));
  } catch (e) {
    return errorResponse(e);
  }
}

import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { getLiveFloor } from "@/lib/live/registry";
import { replayParamsSchema } from "@/lib/live/replay-params";
import { replayView } from "@/lib/live/store/replay-view";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/live/replay?at=<epoch ms | ISO time>[&tz=]: the wallboard as it was at that instant. */
export async function GET(request: NextRequest): Promise<NextResponse> {
  try {
    await requireApiUser("wallboard");
    const p = replayParamsSchema(Date.now()).parse(Object.fromEntries(request.nextUrl.searchParams));
    const env = getEnv();
    const timeZone = p.tz ?? getLiveFloor()?.timeZone ?? "UTC";
    return NextResponse.json(await replayView(await getClickHouse(env), env.TENANT_ID, timeZone, p.at));
  } catch (e) {
    return errorResponse(e);
  }
}

import type { NextRequest } from "next/server";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { requireLiveFloor } from "@/lib/live/registry";
import { liveStream, SSE_HEADERS } from "@/lib/live/sse";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** GET /api/live/stream: the live floor as server-sent events (snapshot, then patches; see lib/live/sse.ts). */
export async function GET(request: NextRequest): Promise<Response> {
  try {
    await requireApiUser("wallboard");
    return new Response(liveStream(requireLiveFloor(), request.signal), { headers: SSE_HEADERS });
  } catch (e) {
    return errorResponse(e);
  }
}

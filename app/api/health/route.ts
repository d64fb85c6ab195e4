import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { checkHealth, healthFor, type HealthViewer } from "@/lib/runtime/health";
import { checkInternalToken } from "@/lib/runtime/internal-token";
import { currentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

/**
 * Up or down for anyone (load balancers and probes call it unauthenticated: 200 or
 * 503 with `{ ok }`); the details for admins and for local operator tools holding
 * the internal token (lib/runtime/health.ts says who sees what).
 */
export async function GET(request: NextRequest): Promise<NextResponse> {
  const env = getEnv();
  const ch = await getClickHouse(env).catch(() => undefined);
  const [health, viewer] = await Promise.all([checkHealth(ch), viewerOf(request, env.DATA_DIR)]);
  return NextResponse.json(healthFor(health, viewer), { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}

async function viewerOf(request: NextRequest, dataDir: string): Promise<HealthViewer> {
  if (checkInternalToken(dataDir, request.headers.get("x-internal-token"))) return "operator";
  // A session that cannot be read (its store down, say) must not turn a probe's answer into an error.
  const user = await currentUser().catch(() => null);
  if (!user) return "public";
  return can(user.role, "admin") ? "operator" : "user";
}

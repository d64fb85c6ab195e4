import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { checkHealth, healthFor, type HealthViewer } from "@/lib/runtime/health";
import { currentUser } from "@/lib/auth/session";
import { can } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

/**
 * Up or down for anyone (load balancers and probes call it unauthenticated: 200 or
 * 503 with `{ ok }`); the details for admins (lib/runtime/health.ts says who sees what).
 */
export async function GET(): Promise<NextResponse> {
  const env = getEnv();
  const ch = await getClickHouse(env).catch(() => undefined);
  const [health, viewer] = await Promise.all([checkHealth(ch, { maxFutureMs: env.INGEST_MAX_FUTURE_MS }), viewerOf()]);
  return NextResponse.json(healthFor(health, viewer), { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
}

async function viewerOf(): Promise<HealthViewer> {
  // A session that cannot be read (its store down, say) must not turn a probe's answer into an error.
  const user = await currentUser().catch(() => null);
  if (!user) return "public";
  return can(user.role, "admin") ? "admin" : "user";
}

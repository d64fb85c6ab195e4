import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { checkHealth } from "@/lib/runtime/health";

export const dynamic = "force-dynamic";

/** Unauthenticated on purpose (load balancers and probes call it); it reveals no business data. */
export async function GET(): Promise<NextResponse> {
  const ch = await getClickHouse(getEnv()).catch(() => undefined);
  const health = await checkHealth(ch);
  return NextResponse.json(health, { status: health.ok ? 200 : 503 });
}

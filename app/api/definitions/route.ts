import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { requireApiUser } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/errors";
import { getDefinitions } from "@/lib/queries/server/definitions";

export const dynamic = "force-dynamic";

/** GET /api/definitions: every queue's KPI settings and the latest changes (admins only). */
export async function GET(): Promise<NextResponse> {
  try {
    await requireApiUser("admin");
    const env = getEnv();
    return NextResponse.json(await getDefinitions(await getClickHouse(env), env.TENANT_ID));
  } catch (e) {
    return errorResponse(e);
  }
}

import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { getClickHouse } from "@/lib/store/client";
import { readOnlyQuery } from "@/lib/store/read-only-query";
import { checkInternalToken } from "@/lib/runtime/internal-token";
import { errorResponse } from "@/lib/http/errors";
import { CrossSite, InvalidInput, Unauthenticated } from "@/lib/errors/domain-errors";
import { requestCrossSiteProblem } from "@/lib/http/same-origin";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ sql: z.string().min(1).max(100_000) });

/** Read-only SQL for `npm run ch` while this process holds the embedded store. Local token, not a user session. */
export async function POST(request: NextRequest): Promise<NextResponse> {
  try {
    const env = getEnv();
    const crossSite = requestCrossSiteProblem(request, env.NEXTAUTH_URL);
    if (crossSite) throw new CrossSite(crossSite);
    if (!checkInternalToken(env.DATA_DIR, request.headers.get("x-internal-token"))) throw new Unauthenticated("missing or wrong internal token");
    const body = bodySchema.parse(
      await request.json().catch(() => {
        throw new InvalidInput('body must be JSON: {"sql": "SELECT ..."}');
      }),
    );
    try {
      return NextResponse.json({ rows: await readOnlyQuery(await getClickHouse(env), body.sql) });
    } catch (e) {
      throw new InvalidInput((e as Error).message);
    }
  } catch (e) {
    return errorResponse(e);
  }
}

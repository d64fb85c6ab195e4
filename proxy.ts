import { NextResponse, type NextRequest } from "next/server";

/**
 * Tells server layouts which URL was asked for (layouts are not given it), so a
 * signed-out visitor to a shared link such as /?period=yesterday comes back to
 * that very view after signing in. Access control is NOT done here: every page and
 * route checks the session and role itself.
 */
export function proxy(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"] };

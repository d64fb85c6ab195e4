import { NextResponse } from "next/server";
import { ZodError } from "zod";

/** Errors a route handler may throw; the mapper below turns each into one HTTP answer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "HttpError";
  }
}
export class BadRequest extends HttpError {
  constructor(message: string) {
    super(400, message);
  }
}
export class Unauthorized extends HttpError {
  constructor() {
    super(401, "sign in first");
  }
}
export class Forbidden extends HttpError {
  constructor(what: string) {
    super(403, `your role may not ${what}`);
  }
}
export class NotFound extends HttpError {
  constructor(what: string) {
    super(404, `${what} not found`);
  }
}

/** Zod issues as one readable sentence: "from: expected a number; queue: too long". */
export function describeZodError(e: ZodError): string {
  return e.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; ");
}

export function errorResponse(e: unknown): NextResponse {
  if (e instanceof ZodError) return NextResponse.json({ error: describeZodError(e) }, { status: 400 });
  if (e instanceof HttpError) return NextResponse.json({ error: e.message }, { status: e.status });
  console.error("unhandled error in route handler", e);
  return NextResponse.json({ error: "internal error; see the server log" }, { status: 500 });
}

import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { clientInfo, sessionHooks } from "@/lib/auth/session-hooks";

// Built per request from the parsed configuration (see lib/auth/options.ts), with the
// caller's address and browser so a sign-in records where it came from.
const handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth({ ...authOptions(), ...sessionHooks(clientInfo(request.headers)) })(request, context);

export { handler as GET, handler as POST };

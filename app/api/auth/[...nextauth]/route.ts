import { authRoute } from "@/lib/auth/auth-route";

// next-auth, told the origin each request was made to (see lib/auth/auth-route.ts).
export { authRoute as GET, authRoute as POST };

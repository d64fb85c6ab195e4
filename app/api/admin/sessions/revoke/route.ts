import { handle } from "@/lib/api/handle";
import { revokeSessionEndpoint } from "@/lib/api/endpoints/users";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = handle(revokeSessionEndpoint);

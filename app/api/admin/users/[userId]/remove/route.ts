import { handle } from "@/lib/api/handle";
import { removeUserEndpoint } from "@/lib/api/endpoints/users";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = handle(removeUserEndpoint);

import { handle } from "@/lib/api/handle";
import { updateUserEndpoint } from "@/lib/api/endpoints/users";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const PUT = handle(updateUserEndpoint);

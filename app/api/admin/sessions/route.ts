import { handle } from "@/lib/api/handle";
import { userSessions } from "@/lib/api/endpoints/users";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(userSessions);

import { handle } from "@/lib/api/handle";
import { agents } from "@/lib/api/endpoints/directory";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(agents);

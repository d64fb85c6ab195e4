import { handle } from "@/lib/api/handle";
import { liveReplay } from "@/lib/api/endpoints/live";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(liveReplay);

import { handle } from "@/lib/api/handle";
import { liveStreamEndpoint } from "@/lib/api/endpoints/live";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(liveStreamEndpoint);

import { handle } from "@/lib/api/handle";
import { myMonitorSessionsEndpoint, startMonitorEndpoint } from "@/lib/api/endpoints/monitor";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(myMonitorSessionsEndpoint);
export const POST = handle(startMonitorEndpoint);

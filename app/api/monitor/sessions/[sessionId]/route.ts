import { handle } from "@/lib/api/handle";
import { changeMonitorModeEndpoint, stopMonitorEndpoint } from "@/lib/api/endpoints/monitor";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const PATCH = handle(changeMonitorModeEndpoint);
export const DELETE = handle(stopMonitorEndpoint);

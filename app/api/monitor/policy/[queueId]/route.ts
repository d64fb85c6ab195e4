import { handle } from "@/lib/api/handle";
import { updateMonitoringPolicy } from "@/lib/api/endpoints/monitoring-policy";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const PUT = handle(updateMonitoringPolicy);

import { handle } from "@/lib/api/handle";
import { monitoringPolicies } from "@/lib/api/endpoints/monitoring-policy";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(monitoringPolicies);

import { handle } from "@/lib/api/handle";
import { kpiAgentTimeline } from "@/lib/api/endpoints/kpi";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(kpiAgentTimeline);

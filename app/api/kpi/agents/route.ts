import { handle } from "@/lib/api/handle";
import { kpiAgents } from "@/lib/api/endpoints/kpi";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(kpiAgents);

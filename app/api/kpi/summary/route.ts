import { handle } from "@/lib/api/handle";
import { kpiSummary } from "@/lib/api/endpoints/kpi";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(kpiSummary);

import { handle } from "@/lib/api/handle";
import { thresholds, updateThresholds } from "@/lib/api/endpoints/live";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(thresholds);
export const PUT = handle(updateThresholds);

import { handle } from "@/lib/api/handle";
import { disputeQaEvaluation } from "@/lib/api/endpoints/qa-evaluations";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = handle(disputeQaEvaluation);

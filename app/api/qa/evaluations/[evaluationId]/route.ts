import { handle } from "@/lib/api/handle";
import { qaEvaluation, updateQaEvaluation } from "@/lib/api/endpoints/qa-evaluations";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(qaEvaluation);
export const PUT = handle(updateQaEvaluation);

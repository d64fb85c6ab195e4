import { handle } from "@/lib/api/handle";
import { qaEvaluations, createQaEvaluation } from "@/lib/api/endpoints/qa-evaluations";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(qaEvaluations);
export const POST = handle(createQaEvaluation);

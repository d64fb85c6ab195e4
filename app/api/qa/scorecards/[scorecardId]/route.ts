import { handle } from "@/lib/api/handle";
import { qaScorecard, updateQaScorecard } from "@/lib/api/endpoints/qa-scorecards";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(qaScorecard);
export const PUT = handle(updateQaScorecard);

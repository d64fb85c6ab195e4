import { handle } from "@/lib/api/handle";
import { qaScorecards, createQaScorecard } from "@/lib/api/endpoints/qa-scorecards";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(qaScorecards);
export const POST = handle(createQaScorecard);

import { handle } from "@/lib/api/handle";
import { qaDashboard } from "@/lib/api/endpoints/qa-work";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(qaDashboard);

import { handle } from "@/lib/api/handle";
import { qaSampling } from "@/lib/api/endpoints/qa-work";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = handle(qaSampling);

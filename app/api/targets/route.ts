import { handle } from "@/lib/api/handle";
import { targets } from "@/lib/api/endpoints/targets";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(targets);

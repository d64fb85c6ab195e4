import { handle } from "@/lib/api/handle";
import { definitions } from "@/lib/api/endpoints/definitions";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(definitions);

import { handle } from "@/lib/api/handle";
import { updateDefinition } from "@/lib/api/endpoints/definitions";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const PUT = handle(updateDefinition);

import { handle } from "@/lib/api/handle";
import { monitorTokenEndpoint } from "@/lib/api/endpoints/monitor";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = handle(monitorTokenEndpoint);

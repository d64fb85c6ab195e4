import { handle } from "@/lib/api/handle";
import { setAgentStateEndpoint } from "@/lib/api/endpoints/agent-commands";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = handle(setAgentStateEndpoint);

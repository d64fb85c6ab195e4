import { handle } from "@/lib/api/handle";
import { callTranscript } from "@/lib/api/endpoints/calls";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(callTranscript);

import { handle } from "@/lib/api/handle";
import { restoreRecordingEndpoint } from "@/lib/api/endpoints/recordings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = handle(restoreRecordingEndpoint);

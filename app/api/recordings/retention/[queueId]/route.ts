import { handle } from "@/lib/api/handle";
import { updateRecordingRetention } from "@/lib/api/endpoints/recordings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const PUT = handle(updateRecordingRetention);

import { handle } from "@/lib/api/handle";
import { recordingOriginalEndpoint } from "@/lib/api/endpoints/recordings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(recordingOriginalEndpoint);

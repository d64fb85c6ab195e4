import { handle } from "@/lib/api/handle";
import { recordingAudioEndpoint } from "@/lib/api/endpoints/recordings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(recordingAudioEndpoint);

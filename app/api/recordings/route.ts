import { handle } from "@/lib/api/handle";
import { uploadRecordingEndpoint } from "@/lib/api/endpoints/recordings";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = handle(uploadRecordingEndpoint);

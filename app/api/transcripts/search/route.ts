import { handle } from "@/lib/api/handle";
import { transcriptSearch } from "@/lib/api/endpoints/transcripts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(transcriptSearch);

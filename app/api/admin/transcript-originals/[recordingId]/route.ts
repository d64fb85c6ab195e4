import { handle } from "@/lib/api/handle";
import { transcriptOriginals } from "@/lib/api/endpoints/speech";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(transcriptOriginals);

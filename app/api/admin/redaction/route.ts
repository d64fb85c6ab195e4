import { handle } from "@/lib/api/handle";
import { redactionSettings, updateRedactionSettingsEndpoint } from "@/lib/api/endpoints/speech";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(redactionSettings);
export const PUT = handle(updateRedactionSettingsEndpoint);

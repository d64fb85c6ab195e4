import { handle } from "@/lib/api/handle";
import { alertSettings, updateAlertSettingsEndpoint } from "@/lib/api/endpoints/live";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(alertSettings);
export const PUT = handle(updateAlertSettingsEndpoint);

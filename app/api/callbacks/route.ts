import { handle } from "@/lib/api/handle";
import { callbacks, placeCallbackEndpoint } from "@/lib/api/endpoints/callbacks";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(callbacks);
export const POST = handle(placeCallbackEndpoint);

import type { PlacedCallback } from "@/lib/telephony/place-callback";
import { apiSend } from "./api-send";

/** Calls a missed caller back through the platform, the queue's next free agent first (POST /api/callbacks). */
export const placeCallback = (callId: string, missedAt: number) => apiSend<PlacedCallback>("POST", "/api/callbacks", { callId, missedAt });

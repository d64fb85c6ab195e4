import type { CallbackFirst } from "@/lib/telephony/commands";
import type { PlacedCallback } from "@/lib/telephony/place-callback";
import { apiSend } from "./api-send";

/** Calls a missed caller back through the platform, the queue's next free agent first, or the asking supervisor's own phone (POST /api/callbacks). */
export const placeCallback = (callId: string, missedAt: number, first: CallbackFirst = "agent") =>
  apiSend<PlacedCallback>("POST", "/api/callbacks", { callId, missedAt, ...(first === "supervisor" ? { first } : {}) });

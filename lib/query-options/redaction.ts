import type { RedactionSettings, RedactionSettingsChange } from "@/lib/redaction/settings-record";
import { apiSend } from "./api-send";

/** An admin saves the redaction settings with the version the page shows (a 409 says someone changed them meanwhile). */
export const saveRedactionSettings = (change: RedactionSettingsChange) =>
  apiSend<{ changed: boolean; before: RedactionSettings; after: RedactionSettings }>("PUT", "/api/admin/redaction", change);

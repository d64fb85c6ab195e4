import { z } from "zod";
import { ALERT_LIMIT_MAX_S } from "./alert-settings";

/** Input rules for the admins' alert limits (server side: kept apart so the wallboard's browser code does not load zod). */

const limit = z.number().int().min(0).max(ALERT_LIMIT_MAX_S);

export const alertSettingsSchema = z.object({
  notReadyMaxS: limit,
  afterCallWorkMaxS: limit,
  waitingMaxS: limit,
  targetBreach: z.boolean(),
});

export const alertSettingsUpdateSchema = z.object({
  settings: alertSettingsSchema,
  /** The version the admin edited; a later one means someone else saved meanwhile (409). */
  expectedVersion: z.number().int().min(0).optional(),
});
export type AlertSettingsUpdate = z.infer<typeof alertSettingsUpdateSchema>;

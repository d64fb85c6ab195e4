import { z } from "zod";
import { roleSchema } from "../roles";
import { scopeSchema } from "../scope";
import { extensionSchema } from "@/lib/telephony/plain-word";

/** The version of the users file the admin's page shows (GET /api/admin/users). */
const expectedVersion = z.string().min(1).max(128);
/** Long enough to resist guessing; scrypt takes the rest. */
const password = z.string().min(12, "must be at least 12 characters").max(256);
const name = z.string().trim().min(1).max(256);
/** `null`: the whole centre. */
const scope = scopeSchema.nullable();
/** `null`: no phone of their own (monitoring on a "phone" platform and supervisor-first callbacks are refused them). */
const extension = extensionSchema.nullable();

export const newUserSchema = z
  .object({
    expectedVersion,
    username: z
      .string()
      .trim()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9._@-]+$/, "letters, digits and . _ @ - only"),
    name,
    role: roleSchema,
    scope: scope.optional(),
    extension: extension.optional(),
    /** Left out: a single sign-on user's entry (it overrides their role and scope, or disables them). */
    password: password.optional(),
  })
  .strict();

export const userChangeSchema = z
  .object({
    expectedVersion,
    name: name.optional(),
    role: roleSchema.optional(),
    scope: scope.optional(),
    disabled: z.boolean().optional(),
    extension: extension.optional(),
    password: password.optional(),
  })
  .strict();

export const removeUserSchema = z.object({ expectedVersion }).strict();

export type NewUser = z.output<typeof newUserSchema>;
export type UserChange = z.output<typeof userChangeSchema>;

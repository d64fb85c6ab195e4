import { z } from "zod";

/**
 * A value that goes into a PBX's command line or dial string (an agent, a queue, a number, a
 * phone extension): letters, digits and `_ . @ + -` only, so nothing a request or a users
 * file carries can add an application or a variable to it (docs/telephony.md).
 */
export const PLAIN_WORD = /^[A-Za-z0-9_.@+-]{1,80}$/;

/** A user's own phone (the users file, the admin's edits): what a PBX rings for them. */
export const extensionSchema = z.string().trim().regex(PLAIN_WORD, "a phone extension is 1 to 80 letters, digits or _ . @ + - (e.g. 2001)");

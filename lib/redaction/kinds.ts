import { TRANSCRIPT_REDACTION_KINDS } from "@/lib/events/data";

/**
 * What redaction finds and hides in transcripts: card numbers, card security codes
 * and expiry dates. A span is a run of word indices, `from` inclusive and `to`
 * exclusive, over the words it was found in (the segment's `words`, or its text's
 * whitespace-separated tokens when it has none).
 */

export const REDACTION_KINDS = TRANSCRIPT_REDACTION_KINDS;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

export type RedactionSpan = { from: number; to: number; kind: RedactionKind };

/** Which kinds are found, and whether the unmasked segment is kept (admins only, migration 0021). */
export type RedactionPolicy = { kinds: Record<RedactionKind, boolean>; keepOriginal: boolean };

export const DEFAULT_REDACTION_POLICY: RedactionPolicy = {
  kinds: { card_number: true, security_code: true, expiry: true },
  keepOriginal: false,
};

/** What a masked span reads as in the segment's text. */
export const MASK_LABEL: Record<RedactionKind, string> = {
  card_number: "[card number]",
  security_code: "[security code]",
  expiry: "[expiry date]",
};

/** Every masked word reads the same, whatever it was, so not even its length is left. */
export const MASKED_WORD = "####";

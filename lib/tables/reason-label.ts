/**
 * Not-ready reason codes in words, the same on every page (wallboard, agents,
 * an agent's timeline, exports): "ring_no_answer" -> "Missed call", "lunch" -> "Lunch".
 * Codes come from the platform, so unknown ones are tidied, not hidden.
 */
const KNOWN_REASONS: Record<string, string> = {
  ring_no_answer: "Missed call",
  unspecified: "No reason",
  "": "No reason",
};

export function reasonLabel(code: string): string {
  const known = KNOWN_REASONS[code];
  if (known) return known;
  const words = code.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

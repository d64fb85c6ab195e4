/**
 * The canonical spelling of an IANA time zone this runtime knows, or null.
 * Constructing a formatter is the portable test (Intl.supportedValuesOf('timeZone')
 * omits aliases such as "UTC"); its resolved name fixes the case ("europe/paris"
 * becomes "Europe/Paris"), which matters because the database's lookup is
 * case-sensitive.
 */
export function canonicalTimeZone(tz: string): string | null {
  if (tz.length === 0 || tz.length > 64) return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

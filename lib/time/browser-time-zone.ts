/** The viewer's IANA time zone, as the browser reports it ("UTC" if it reports none). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

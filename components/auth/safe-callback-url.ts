/**
 * Where to go after signing in: only a path on this site. An absolute or
 * protocol-relative URL ("//evil.example") would make the sign-in page an open
 * redirect.
 */
export function safeCallbackUrl(raw: string | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  if (raw.startsWith("/signin")) return "/";
  return raw;
}

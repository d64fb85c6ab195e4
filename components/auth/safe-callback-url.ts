/**
 * Where to go after signing in: only a path on this site. An absolute or
 * protocol-relative URL ("//evil.example") would make the sign-in page an open
 * redirect, and browsers drop tabs and line breaks from URLs, so "/\t/evil.example"
 * is "//evil.example" to them. The raw value is therefore resolved the way a
 * browser resolves it (the WHATWG URL parser) against a placeholder origin, and
 * only a result on that origin is kept, as its normalised path, query and hash:
 * no control character reaches a redirect header either.
 */
const PLACEHOLDER = "http://callback.invalid";

export function safeCallbackUrl(raw: string | undefined): string {
  if (!raw || !raw.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(raw, PLACEHOLDER);
  } catch {
    return "/";
  }
  if (url.origin !== PLACEHOLDER || url.pathname.startsWith("/signin")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}

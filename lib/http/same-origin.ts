/**
 * Cross-site request forgery guard for state-changing requests. A browser puts
 * the session cookie on a request another site makes it send (a form POST, a
 * `fetch` with a text/plain body), so a mutation must show it comes from one of
 * our own pages. Browsers say where a request comes from in `Origin` (sent on
 * every POST, PUT, PATCH and DELETE by current browsers), `Sec-Fetch-Site` and
 * `Referer`; a request with none of them was not sent by a browser (curl, `npm
 * run ch`, a probe), carries no ambient cookie on anyone's behalf and passes.
 * The same rule as Go's http.CrossOriginProtection, with `Origin` asked first.
 *
 * "Our own" is the host the request was sent to (`Host`, or `X-Forwarded-Host`
 * from a proxy in front) or the configured public URL's host. A page on another
 * site cannot make a browser send `X-Forwarded-Host`: a custom header turns its
 * request into one that needs a CORS preflight, which this server never grants.
 * Hosts are compared with their port; the scheme is not, since TLS usually ends
 * at a proxy that forwards plain HTTP.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type OriginSignals = {
  method: string;
  origin: string | null;
  secFetchSite: string | null;
  referer: string | null;
  /** The hosts (host[:port], lower case) this request may come from. */
  ownHosts: readonly string[];
};

/** Why the request is refused, or null when it may go on. */
export function crossSiteProblem(s: OriginSignals): string | null {
  if (SAFE_METHODS.has(s.method.toUpperCase())) return null;
  if (s.origin !== null) {
    const host = hostOf(s.origin);
    if (host === null) return `refused: a ${s.method} from an opaque origin ("${s.origin}"); send it from this site's own pages`;
    return s.ownHosts.includes(host) ? null : `refused: a ${s.method} from another site (Origin ${s.origin}); send it from this site's own pages`;
  }
  if (s.secFetchSite !== null) {
    // "none": typed or bookmarked by the user, never a POST another site caused.
    return s.secFetchSite === "same-origin" || s.secFetchSite === "none" ? null : `refused: a ${s.method} from another site (Sec-Fetch-Site: ${s.secFetchSite})`;
  }
  if (s.referer !== null) {
    const host = hostOf(s.referer);
    return host !== null && s.ownHosts.includes(host) ? null : `refused: a ${s.method} from another site (Referer ${s.referer})`;
  }
  return null;
}

/** The hosts a request to this server may come from: where it was sent, and the configured public URL. */
export function ownHosts(headers: Headers, publicUrl?: string): string[] {
  const hosts = [headers.get("host"), ...(headers.get("x-forwarded-host") ?? "").split(",")].map((h) => h?.trim().toLowerCase()).filter((h): h is string => !!h);
  const configured = publicUrl ? hostOf(publicUrl) : null;
  if (configured) hosts.push(configured);
  return hosts;
}

/** The check on a request as it arrives. */
export function requestCrossSiteProblem(request: Request, publicUrl?: string): string | null {
  const h = request.headers;
  return crossSiteProblem({
    method: request.method,
    origin: h.get("origin"),
    secFetchSite: h.get("sec-fetch-site"),
    referer: h.get("referer"),
    // The URL's host is the Host header as the server parsed it (a test's request may carry no header).
    ownHosts: [...ownHosts(h, publicUrl), new URL(request.url).host.toLowerCase()],
  });
}

function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.host ? u.host.toLowerCase() : null;
  } catch {
    return null;
  }
}

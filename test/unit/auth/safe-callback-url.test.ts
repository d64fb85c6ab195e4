import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";

/** What a browser would open for a redirect to `location` from this site: the resolved URL's origin. */
const originAfterRedirect = (location: string) => new URL(location, "https://dash.example").origin;

describe("the sign-in callback URL", () => {
  it("keeps a path on this site, with its query and hash", () => {
    expect(safeCallbackUrl("/queues?period=last_week&queue=sales#top")).toBe("/queues?period=last_week&queue=sales#top");
    expect(safeCallbackUrl("/agents/a%201")).toBe("/agents/a%201");
  });

  it("sends anything that would leave the site to the overview, tabs and line breaks included", () => {
    const attempts = [
      "//evil.example/x",
      "/\\evil.example/x",
      "/\t/evil.example/x",
      "/\n/evil.example/x",
      "/\r\n/evil.example",
      "\\/evil.example",
      "https://evil.example",
      "evil.example",
      "/%09/evil.example/x",
    ];
    for (const raw of attempts) {
      const kept = safeCallbackUrl(raw);
      expect(originAfterRedirect(kept), raw).toBe("https://dash.example");
      expect(
        [...kept].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
        raw,
      ).toBe(false);
    }
    expect(safeCallbackUrl("/\t/evil.example/x")).toBe("/");
  });

  it("never returns to the sign-in page, and treats a missing value as the overview", () => {
    expect(safeCallbackUrl("/signin?callbackUrl=/x")).toBe("/");
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl("")).toBe("/");
  });
});

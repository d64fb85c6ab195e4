"use client";

import { useEffect } from "react";

/**
 * Marks the document once React owns it (`<html data-hydrated>`). Until then a click
 * on the server's HTML reaches no handler and is lost; the e2e tests wait for this
 * mark after each page load (e2e/live-pages.ts) instead of racing the page's scripts.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return null;
}

"use client";

import { useSyncExternalStore } from "react";

const noSubscribe = () => () => {};

/**
 * False in the server's HTML and while React hydrates it, true after. A control the
 * server renders (a view's select) does nothing until React owns it: a choice made
 * before then is lost, as React resets the element to the server's value when it
 * hydrates. Such controls stay disabled until this is true, so a choice is never
 * silently dropped on a slow connection; the sign-in button likewise, so a quick
 * click cannot fall through to a plain form submission.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscribe,
    () => true,
    () => false,
  );
}

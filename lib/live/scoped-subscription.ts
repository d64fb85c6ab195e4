import { isWholeCentre, type ScopeAccess } from "@/lib/auth/scope-access";
import type { FloorListener, LiveFloor } from "./live-floor";
import { applyPatch, diffViews } from "./patch";
import { scopeView } from "./scope-view";
import type { WallboardMessage, WallboardView } from "./view-types";

/** What an event stream needs of the floor: a subscription. */
export type FloorFeed = Pick<LiveFloor, "subscribe">;

/**
 * The floor as one connection with this scope may see it, filtered on the server.
 * The connection keeps the whole view (the floor's snapshot, then each patch
 * applied) and sends the difference between the scoped view before and after, so
 * an entry that leaves the scope (a call transferred to another queue) is removed
 * from the browser, and ids outside the scope are never sent, not even in a
 * removal. The whole centre gets the floor's own messages, serialised once for all.
 */
export function scopedFeed(floor: FloorFeed, access: ScopeAccess): FloorFeed {
  if (isWholeCentre(access)) return floor;
  return { subscribe: (listener) => floor.subscribe(scopedListener(access, listener)) };
}

export function scopedListener(access: ScopeAccess, listener: FloorListener): FloorListener {
  let whole: WallboardView | undefined;
  let shown: WallboardView | undefined;
  return (message) => {
    if (message.event === "snapshot") whole = message.data;
    else if (whole) whole = applyPatch(whole, message.data);
    else return;
    const next = scopeView(whole, access);
    const out: WallboardMessage = shown && message.event === "patch" ? { event: "patch", data: diffViews(shown, next) } : { event: "snapshot", data: next };
    shown = next;
    listener(out, JSON.stringify(out.data));
  };
}

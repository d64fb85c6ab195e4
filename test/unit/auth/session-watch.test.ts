import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SessionWatcher } from "@/lib/auth/sessions/session-watch";
import type { SessionUser } from "@/lib/auth/session-user";

/** Open event streams end when their session stops allowing them: pushed from this process, polled for changes elsewhere. */
const sam: SessionUser = { id: "sam", name: "Sam", role: "supervisor", sessionId: "s1" };

function setup() {
  let current: SessionUser | null = sam;
  let listener: (() => void) | undefined;
  const resolve = vi.fn(async () => current);
  const watcher = new SessionWatcher({
    resolve,
    subscribe: (l) => ((listener = l), () => (listener = undefined)),
    intervalMs: 2_000,
  });
  return { watcher, resolve, set: (u: SessionUser | null) => (current = u), push: () => listener?.(), subscribed: () => listener !== undefined };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the session watcher", () => {
  it("ends a stream at once when this process says sessions changed and this one no longer stands", async () => {
    const { watcher, set, push } = setup();
    const signal = watcher.watch(sam, "wallboard", new AbortController().signal);
    set(null);
    push();
    await vi.waitFor(() => expect(signal.aborted).toBe(true));
    expect(watcher.size).toBe(0);
  });

  it("finds a change made elsewhere on its next periodic check", async () => {
    const { watcher, set } = setup();
    const signal = watcher.watch(sam, "wallboard", new AbortController().signal);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(signal.aborted).toBe(false);
    set({ ...sam, role: "qa" }); // QA may not see the wallboard
    await vi.advanceTimersByTimeAsync(2_000);
    expect(signal.aborted).toBe(true);
  });

  it("keeps a stream whose session still allows it, and lets go of one whose request ended", async () => {
    const { watcher, resolve, subscribed } = setup();
    const request = new AbortController();
    const signal = watcher.watch(sam, "wallboard", request.signal);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(resolve).toHaveBeenCalledTimes(2);
    expect(signal.aborted).toBe(false);
    request.abort();
    expect(signal.aborted).toBe(true);
    expect(watcher.size).toBe(0);
    expect(subscribed()).toBe(false);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it("ends a stream opened under another scope, so the browser reconnects with the new one", async () => {
    const { watcher, set, push } = setup();
    const scoped = { ...sam, scope: { teams: ["north"], queues: [] } };
    set(scoped);
    const signal = watcher.watch(scoped, "wallboard", new AbortController().signal);
    push();
    await vi.advanceTimersByTimeAsync(0);
    expect(signal.aborted).toBe(false);
    set({ ...scoped, scope: { teams: ["north", "south"], queues: [] } });
    push();
    await vi.waitFor(() => expect(signal.aborted).toBe(true));
  });

  it("does not hold on to a request that had already ended when its stream was asked for", async () => {
    const { watcher, resolve } = setup();
    const gone = new AbortController();
    gone.abort();
    expect(watcher.watch(sam, "wallboard", gone.signal).aborted).toBe(true);
    expect(watcher.size).toBe(0);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(resolve).not.toHaveBeenCalled();
  });
});

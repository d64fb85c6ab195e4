import type { CtiEvent } from "@/lib/events";
import type { PlatformCapabilities } from "@/lib/telephony/capabilities";
import type { PlatformCommands } from "@/lib/telephony/commands";
import type { Directory } from "./directory";

/**
 * The boundary every telephony platform sits behind: a real PBX (Asterisk ARI/AMI,
 * FreeSWITCH event socket, a CSTA server) or the simulated PBX. The runtime drives a
 * platform only through this interface: events and directory out, commands in.
 *
 * Commands (lib/telephony/commands.ts: setting an agent's state now; listen /
 * whisper / barge, callbacks and fetching a recording to come) are methods of
 * `commands`, each present only when `capabilities` declares it, so the runtime and
 * the UI ask `capabilities` before offering an action and an adapter never has to
 * fake one it cannot do. The contract suite (test/integration/platform) holds every
 * adapter to the same answers.
 */
export interface PlatformAdapter {
  /** For logs and for the `origin` of what it delivers. */
  readonly name: string;
  /** The centre's IANA time zone when the platform knows it: the live floor's "today". */
  readonly timeZone?: string;
  /** What the platform can be asked to do, beyond emitting events. */
  readonly capabilities: PlatformCapabilities;
  /** What the platform can be asked to do; the runtime runs each under a deadline (withDeadline). */
  readonly commands: PlatformCommands;
  /**
   * Starts delivering: first what the store is missing (as far as the platform can
   * tell), then events as they happen. Resolves once live; rejects if it cannot get
   * there. The runtime does not await it before serving requests.
   */
  start(ctx: PlatformContext): Promise<void>;
  /** Stops delivering; resolves once a delivery in progress has been handled. */
  stop(): Promise<void>;
}

/** What the runtime hands an adapter: where its output goes, and what the store already holds. */
export interface PlatformContext {
  readonly events: EventSink;
  /** Queues and agents with their names (a real PBX has them in its configuration). */
  readonly directory: DirectorySink;
  /**
   * Where this tenant's stored events end (epoch ms; 0 when there are none), so an
   * adapter can resume after them rather than repeat or skip history.
   */
  storedUntil(): Promise<number>;
  /**
   * The stored events of `source` around instant `at` that say what was in progress then (the live
   * floor's window: calls of the last 12 hours or since midnight, each agent's latest state
   * event), oldest first; what an adapter needs to close what its previous run left open
   * (close-left-open.ts). Absent where there is no store to ask.
   */
  recentEvents?(at: number, source: string): Promise<CtiEvent[]>;
  /** Progress of a catch-up, for the runtime's status (the UI's backfill banner) and log. */
  readonly backfill: BackfillReporter;
  readonly log: (line: string) => void;
}

/**
 * Two ways in, because the store's cost is per insert: history goes straight to the
 * store in whole batches, live events through a buffer that flushes on size or time.
 * Both are awaited by the adapter before it delivers more, which is its backpressure.
 */
export interface EventSink {
  /** Catch-up after a gap: resolves once the store confirmed the batch. */
  history(events: CtiEvent[]): Promise<void>;
  /** As it happens: buffered, so a sub-second trickle still makes few inserts. */
  live(events: CtiEvent[]): void | Promise<void>;
}

/** Adds queues and agents the store lacks and renames changed agents; never overwrites an admin's queue settings. */
export type DirectorySink = (directory: Directory) => Promise<void>;

export interface BackfillReporter {
  /** A catch-up of [fromTime, toTime) begins; toTime is "now", which moves on while it runs. */
  started(fromTime: number, toTime: number): void;
  /** After each delivered batch: stored up to `reached`, the target is now `toTime`, `events` delivered so far. */
  advanced(reached: number, toTime: number, events: number): void;
  /** Caught up: live events follow. */
  finished(events: number): void;
}

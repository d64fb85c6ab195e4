import type { CtiEvent } from "@/lib/events";
import { getEnv } from "@/lib/env";
import { openObjectStore } from "@/lib/recordings/storage/open-store";
import type { ObjectStore } from "@/lib/recordings/storage/object-store";
import type { RecordingRow } from "./recording-row";

/**
 * What the media pipeline is handed rather than imports: lib/ stands below the
 * simulator, the ingest pipeline and the speech worker's queue, so the composition
 * root (server/recordings.ts) puts them here, on globalThis because Next.js loads
 * this module once per bundle. Without a composition root (a CLI, a test) the
 * store comes from the configuration and the rest is absent.
 */

/** Renders a recording's audio from its call's events (the simulator's, lib/recordings/simulated/render.ts). */
export type RecordingRenderer = (input: {
  recordingId: string;
  events: CtiEvent[];
}) => Promise<{ sampleRate: number; channels: Int16Array[]; channelRoles: readonly string[] }>;

/** A renderer and the recordings it can render (those whose source is the simulator). */
export type OnDemandRenderer = { canRender(recording: RecordingRow): boolean; render: RecordingRenderer };

export type RecordingServices = {
  store: ObjectStore;
  renderer?: OnDemandRenderer;
  /** Events into the ingest pipeline, resolved once stored (the upload API's recording.started/stopped). */
  ingest?: (events: CtiEvent[]) => Promise<void>;
  /** Queues a stored recording for the speech worker (lib/speech); absent, imports are not transcribed. */
  enqueueTranscription?: (tenantId: string, recordingId: string) => Promise<void>;
};

const KEY = Symbol.for("cc-supervisor.recording-services");
type Holder = { [KEY]?: RecordingServices };

export function recordingServices(): RecordingServices {
  const holder = globalThis as Holder;
  holder[KEY] ??= { store: openObjectStore(getEnv()) };
  return holder[KEY];
}

/** Sets (or, with undefined, forgets) the process's services; fields not given keep their defaults. */
export function setRecordingServices(services: Partial<RecordingServices> | undefined): void {
  const holder = globalThis as Holder;
  holder[KEY] = services === undefined ? undefined : { store: services.store ?? openObjectStore(getEnv()), ...services };
}

import { NO_CAPABILITIES, type MonitorMode } from "@/lib/telephony/capabilities";
import type { MonitorEnd, MonitorRequest, MonitorSession } from "@/lib/telephony/monitor";
import type { TelephonyHandle } from "@/lib/telephony/registry";

/**
 * A platform monitoring session that does what it is told and records it, for the
 * API and relay tests (the platform contract itself is test/contract/monitor-contract.ts).
 */
export class FakeMonitorSession implements MonitorSession {
  readonly id: string;
  readonly legId: string;
  readonly sampleRate = 16_000;
  readonly ended: Promise<MonitorEnd>;
  readonly modes: MonitorMode[] = [];
  readonly mic: Int16Array[] = [];
  stopped = 0;
  private current: MonitorMode;
  private finish!: (e: MonitorEnd) => void;
  private readonly listeners = new Set<(frame: Int16Array) => void>();

  constructor(
    readonly callId: string,
    readonly agentId: string,
    mode: MonitorMode,
    id: string,
  ) {
    this.id = id;
    this.legId = `${callId}.1`;
    this.current = mode;
    this.ended = new Promise((r) => (this.finish = r));
  }

  mode = (): MonitorMode => this.current;

  onAudio(listener: (frame: Int16Array) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  sendAudio(frame: Int16Array): void {
    this.mic.push(frame);
  }

  async setMode(mode: MonitorMode): Promise<void> {
    this.modes.push(mode);
    this.current = mode;
  }

  async stop(): Promise<void> {
    this.stopped++;
    this.finish({ reason: "stopped" });
  }

  /** The platform plays a frame to the supervisor. */
  play(frame: Int16Array): void {
    for (const l of this.listeners) l(frame);
  }

  /** The monitored leg cleared. */
  clear(): void {
    this.finish({ reason: "call_ended" });
  }

  listening(): number {
    return this.listeners.size;
  }
}

/** A platform that monitors every call with a FakeMonitorSession on agent a1 (ids ms-1, ms-2, ...), each pushed to `made`, each request to `requests`. */
export function fakeMonitorPlatform(made: FakeMonitorSession[], requests: MonitorRequest[] = []): TelephonyHandle {
  return {
    name: "fake-pbx",
    capabilities: { ...NO_CAPABILITIES, monitorModes: ["listen", "whisper", "barge"] },
    commands: {
      startMonitor: async (r) => {
        requests.push(r);
        const f = new FakeMonitorSession(r.callId, "a1", r.mode, `ms-${made.length + 1}`);
        made.push(f);
        return f;
      },
    },
  };
}

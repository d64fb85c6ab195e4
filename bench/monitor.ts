import { fork } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import { NO_CAPABILITIES, type MonitorMode } from "../lib/telephony/capabilities";
import type { MonitorEnd, MonitorSession } from "../lib/telephony/monitor";
import { MonitorSessions } from "../lib/telephony/monitor-sessions";
import { mintMonitorToken } from "../lib/telephony/monitor-token";
import { MonitorRelay } from "../server/monitor-relay";
import { runCli } from "../scripts/run-cli";
import { numArg } from "./cli-args";
import { percentile } from "./percentile";
import type { ClientsResult, ClientsTask } from "./monitor-clients";

/**
 * npm run bench:monitor [-- --sessions 20] [--seconds 10]: N supervisors monitoring at
 * once through the relay (server/monitor-relay.ts: token and cookie checks, the session
 * service, back-pressure, the microphone path in whisper), against a baseline of N plain
 * `ws` streams in the same run: the same 20 ms source pushed on a bare WebSocketServer,
 * which echoes the client's frames back (what the sockets alone cost).
 *
 * The source is synthetic, one 20 ms timer for all sessions as the simulator's pump
 * runs: each frame carries the source's clock in its first 8 bytes, so the clients
 * (bench/monitor-clients.ts, another process, so this process's CPU is the server's)
 * measure source-to-socket latency. Reported per mode: frames per second delivered
 * (50 per session is all of them), late frames (over 60 ms, more than the browser's
 * jitter buffer absorbs), latency p50 / p95, and the server's CPU per session.
 */

const FRAME_BYTES = 640;
const LATE_MS = 60;
const now = () => performance.timeOrigin + performance.now();

/** A platform session playing stamped frames from the shared pump, and taking the microphone. */
class BenchSession implements MonitorSession {
  readonly legId: string;
  readonly agentId = "bench-agent";
  readonly sampleRate = 16_000;
  readonly ended: Promise<MonitorEnd>;
  micFrames = 0;
  private current: MonitorMode;
  private finish!: (e: MonitorEnd) => void;
  private readonly listeners = new Set<(frame: Int16Array) => void>();
  constructor(
    readonly id: string,
    readonly callId: string,
    mode: MonitorMode,
  ) {
    this.legId = `${callId}.1`;
    this.current = mode;
    this.ended = new Promise((r) => (this.finish = r));
  }
  mode = () => this.current;
  onAudio(l: (frame: Int16Array) => void): () => void {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  }
  sendAudio(): void {
    this.micFrames += 1;
  }
  async setMode(mode: MonitorMode): Promise<void> {
    this.current = mode;
  }
  async stop(): Promise<void> {
    this.finish({ reason: "stopped" });
  }
  play(frame: Int16Array): void {
    for (const l of this.listeners) l(frame);
  }
}

/** A frame stamped with the source's clock (a fresh one each time: the relay sends the very buffer). */
function stampedFrame(): Int16Array {
  const frame = new Int16Array(FRAME_BYTES / 2);
  new DataView(frame.buffer).setFloat64(0, now(), true);
  return frame;
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

type Measured = { result: ClientsResult; cpuMs: number; wallMs: number };

/** Runs the clients against `urls` while `pump` plays every 20 ms, and measures this process's CPU over the measuring window. */
async function measure(urls: string[], origin: string, pump: () => void, seconds: number): Promise<Measured> {
  const child = fork(path.join(import.meta.dirname, "monitor-clients.ts"), [], { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const timer = setInterval(pump, 20);
  const warmupMs = 2_000;
  const task: ClientsTask = { urls, origin, warmupMs, measureMs: seconds * 1_000 };
  let cpuFrom = process.cpuUsage();
  let wallFrom = now();
  const startMeasuring = setTimeout(() => {
    cpuFrom = process.cpuUsage();
    wallFrom = now();
  }, warmupMs);
  const result = await new Promise<ClientsResult>((resolve, reject) => {
    child.once("message", (m) => resolve(m as ClientsResult));
    child.once("exit", (code) => (code === 0 ? undefined : reject(new Error(`the clients' process failed (${code})`))));
    child.send(task);
  });
  const cpu = process.cpuUsage(cpuFrom);
  const wallMs = now() - wallFrom;
  clearTimeout(startMeasuring);
  clearInterval(timer);
  return { result, cpuMs: (cpu.user + cpu.system) / 1_000, wallMs };
}

type Row = {
  connected: number;
  framesPerSecond: number;
  framesPerSecondPerSession: number;
  lateFrames: number;
  latePercent: number;
  p50Ms: number;
  p95Ms: number;
  cpuPercent: number;
  cpuPercentPerSession: number;
};

function report(name: string, n: number, seconds: number, m: Measured): Row {
  const s = [...m.result.latenciesMs].sort((a, b) => a - b);
  const late = s.filter((x) => x > LATE_MS).length;
  const row: Row = {
    connected: m.result.connected,
    framesPerSecond: m.result.frames / seconds,
    framesPerSecondPerSession: m.result.frames / seconds / n,
    lateFrames: late,
    latePercent: (100 * late) / Math.max(1, s.length),
    p50Ms: percentile(s, 50),
    p95Ms: percentile(s, 95),
    cpuPercent: (100 * m.cpuMs) / m.wallMs,
    cpuPercentPerSession: (100 * m.cpuMs) / m.wallMs / n,
  };
  console.log(
    `  ${name.padEnd(10)} ${String(row.connected).padStart(3)} sockets  ${row.framesPerSecond.toFixed(0).padStart(6)} frames/s (${row.framesPerSecondPerSession.toFixed(1)} per session of 50)  late ${row.latePercent.toFixed(2)}%  p50 ${row.p50Ms.toFixed(1)} ms  p95 ${row.p95Ms.toFixed(1)} ms  CPU ${row.cpuPercent.toFixed(1)}% (${row.cpuPercentPerSession.toFixed(2)}% per session)`,
  );
  if (m.result.failed.length > 0) console.log(`    refused or failed: ${m.result.failed.slice(0, 3).join(", ")}`);
  return row;
}

async function relayRun(n: number, seconds: number): Promise<Measured & { micFrames: number }> {
  const secret = "bench-monitor-secret-0123456789-0123456789";
  const owner = { id: "bench", name: "Bench Supervisor", role: "supervisor", sessionId: "bench-sid" };
  const platform: BenchSession[] = [];
  const sessions = new MonitorSessions({
    now: Date.now,
    audit: async () => undefined,
    telephony: () => ({
      name: "bench",
      capabilities: { ...NO_CAPABILITIES, monitorModes: ["listen", "whisper", "barge"] },
      commands: {
        startMonitor: async (r) => {
          const s = new BenchSession(`bench-${platform.length}`, r.callId, r.mode);
          platform.push(s);
          return s;
        },
      },
    }),
  });
  const relay = new MonitorRelay({
    sessions: () => sessions,
    secret: () => secret,
    cookieUser: async () => ({ id: owner.id, name: owner.name, role: "supervisor", sessionId: owner.sessionId }),
    log: () => undefined,
  });
  const server = http.createServer((_q, res) => res.end());
  server.on("upgrade", relay.handleUpgrade);
  const host = await listen(server);
  const urls: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = await sessions.start(owner, { callId: `call-${i}`, mode: "whisper" });
    const { token } = mintMonitorToken(secret, { userId: owner.id, authSessionId: owner.sessionId, monitorSessionId: s.id }, Date.now(), 600_000);
    urls.push(`ws://${host}/api/monitor/ws?token=${encodeURIComponent(token)}`);
  }
  const m = await measure(urls, `http://${host}`, () => platform.forEach((s) => s.play(stampedFrame())), seconds);
  relay.close();
  server.close();
  return { ...m, micFrames: platform.reduce((sum, s) => sum + s.micFrames, 0) };
}

async function baselineRun(n: number, seconds: number): Promise<Measured> {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  wss.on("connection", (ws) => {
    sockets.add(ws);
    ws.on("message", (data) => ws.send(data as Buffer)); // the echo: upstream frames straight back
    ws.on("close", () => sockets.delete(ws));
  });
  const server = http.createServer((_q, res) => res.end());
  server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req)));
  const host = await listen(server);
  const urls = Array.from({ length: n }, () => `ws://${host}/plain`);
  const m = await measure(
    urls,
    `http://${host}`,
    () => {
      for (const ws of sockets) {
        const f = stampedFrame();
        ws.send(Buffer.from(f.buffer, f.byteOffset, f.byteLength));
      }
    },
    seconds,
  );
  wss.close();
  server.close();
  return m;
}

runCli(async () => {
  const n = numArg("sessions", 20);
  const seconds = numArg("seconds", 10);
  console.log(`bench:monitor: ${n} concurrent sessions, ${seconds} s measured each (after 2 s warm-up), frames of 20 ms`);
  const baseline = await baselineRun(n, seconds);
  const relay = await relayRun(n, seconds);
  console.log("");
  const b = report("plain ws", n, seconds, baseline);
  console.log(`    echoes: ${(baseline.result.echoes / seconds).toFixed(0)}/s of ${(baseline.result.micSent / seconds).toFixed(0)}/s sent`);
  const r = report("relay", n, seconds, relay);
  console.log(`  microphone frames the platform received through the relay: ${(relay.micFrames / (seconds + 2)).toFixed(0)}/s (${n} sessions × 50 sent)`);
  console.log(`  relay / plain ws: CPU ×${(r.cpuPercent / Math.max(0.01, b.cpuPercent)).toFixed(2)}, p95 ${(r.p95Ms - b.p95Ms).toFixed(1)} ms more`);
});

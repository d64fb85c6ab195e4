import WebSocket from "ws";

/**
 * The browsers of `npm run bench:monitor`, in a process of their own so the server's CPU
 * is the server's: one WebSocket per URL, each sending a 640-byte microphone frame every
 * 20 ms and noting, for every frame it receives, how long after its source stamped it
 * (the frame's first 8 bytes, a Float64 of the source's clock: the same machine's).
 * Told the URLs and the run's length over IPC; answers with what it saw.
 */

export type ClientsTask = { urls: string[]; origin: string; warmupMs: number; measureMs: number };
export type ClientsResult = { connected: number; frames: number; latenciesMs: number[]; echoes: number; micSent: number; failed: string[] };

const now = () => performance.timeOrigin + performance.now();

async function run(task: ClientsTask): Promise<ClientsResult> {
  const failed: string[] = [];
  const sockets = await Promise.all(
    task.urls.map(
      (url) =>
        new Promise<WebSocket | null>((resolve) => {
          const ws = new WebSocket(url, { origin: task.origin });
          ws.binaryType = "nodebuffer";
          ws.once("open", () => resolve(ws));
          ws.once("unexpected-response", (_req, res) => {
            failed.push(`HTTP ${res.statusCode}`);
            resolve(null);
          });
          ws.once("error", (e) => {
            failed.push(e.message);
            resolve(null);
          });
        }),
    ),
  );
  const open = sockets.filter((s): s is WebSocket => s !== null);
  let measuring = false;
  let frames = 0;
  let echoes = 0;
  const latenciesMs: number[] = [];
  for (const ws of open) {
    ws.on("message", (data, isBinary) => {
      if (!measuring || !isBinary) return;
      const stamp = (data as Buffer).readDoubleLE(0);
      // An unstamped frame is our own microphone frame coming back (the baseline's echo).
      if (stamp === 0) return void (echoes += 1);
      frames += 1;
      latenciesMs.push(now() - stamp);
    });
  }
  const mic = Buffer.alloc(640);
  let micSent = 0;
  const pump = setInterval(() => {
    for (const ws of open) {
      if (ws.readyState !== ws.OPEN) continue;
      ws.send(mic);
      if (measuring) micSent += 1;
    }
  }, 20);
  await new Promise((r) => setTimeout(r, task.warmupMs));
  measuring = true;
  await new Promise((r) => setTimeout(r, task.measureMs));
  measuring = false;
  clearInterval(pump);
  for (const ws of open) ws.terminate();
  return { connected: open.length, frames, latenciesMs, echoes, micSent, failed };
}

process.once("message", (task: ClientsTask) => {
  run(task).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
});

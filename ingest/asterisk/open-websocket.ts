import WebSocket from "ws";
import { CommandFailed } from "@/lib/telephony/commands";

/**
 * Opens a WebSocket to Asterisk (ARI's event stream, chan_websocket's media) under a signal:
 * the open socket, or a CommandFailed: `refused(status)` when Asterisk answers the upgrade with
 * an HTTP error, `unreachable` when it cannot be reached, `timeout` when the signal aborts first.
 */
export function openWebSocket(url: string, o: { protocol?: string; signal: AbortSignal; what: string; refused: (status: number) => CommandFailed }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = o.protocol === undefined ? new WebSocket(url) : new WebSocket(url, o.protocol);
    let settled = false;
    const fail = (e: CommandFailed) => {
      if (settled) return;
      settled = true;
      o.signal.removeEventListener("abort", aborted);
      ws.terminate();
      reject(e);
    };
    const aborted = () => fail(new CommandFailed("timeout", `Asterisk did not open ${o.what} in time`));
    if (o.signal.aborted) return aborted();
    o.signal.addEventListener("abort", aborted, { once: true });
    ws.once("unexpected-response", (_req, res) => fail(o.refused(res.statusCode ?? 0)));
    ws.once("error", (e) => fail(new CommandFailed("unreachable", `${o.what} could not be opened: ${e.message}`)));
    ws.once("open", () => {
      settled = true;
      o.signal.removeEventListener("abort", aborted);
      // After open, errors come with a close, which is what the owner listens to.
      ws.on("error", () => {});
      resolve(ws);
    });
  });
}

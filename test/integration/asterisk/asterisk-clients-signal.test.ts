import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AmiClient } from "@/ingest/asterisk/ami-client";
import { AriClient } from "@/ingest/asterisk/ari-client";
import { AriEventStream } from "@/ingest/asterisk/ari-events";
import { MediaSocket } from "@/ingest/asterisk/media-socket";

/**
 * Every call to Asterisk gives up when its signal says so: an Asterisk that takes the
 * connection and never answers (a hung PBX) is a `timeout`, never a hung command.
 */
const servers: { close(): void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A TCP server that accepts and then says nothing, for HTTP, WebSocket and AMI alike. */
async function silent(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => void sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push({
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  });
  return (server.address() as net.AddressInfo).port;
}

describe("the Asterisk clients under a signal", () => {
  it("ARI requests, the event stream and the media socket give up as a timeout", async () => {
    const port = await silent();
    const ari = new AriClient({ url: `http://127.0.0.1:${port}/ari`, user: "u", password: "p", app: "a" });
    await expect(ari.listChannels(AbortSignal.timeout(100))).rejects.toMatchObject({ code: "timeout" });
    await expect(new AriEventStream(ari.eventsUrl()).connect(AbortSignal.timeout(100))).rejects.toMatchObject({ code: "timeout" });
    await expect(MediaSocket.connect(ari.mediaUrl("x"), AbortSignal.timeout(100))).rejects.toMatchObject({ code: "timeout" });
  });

  it("an AMI action gives up as a timeout, whether the greeting or the answer never comes", async () => {
    const port = await silent();
    const ami = new AmiClient({ host: "127.0.0.1", port, user: "u", secret: "s" });
    await expect(ami.action({ Action: "QueueStatus" }, AbortSignal.timeout(100))).rejects.toMatchObject({ code: "timeout" });
    ami.close();
  });

  it("an ARI answer that starts and never finishes is a timeout too", async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push({
      close: () => {
        server.closeAllConnections();
        server.close();
      },
    });
    const ari = new AriClient({ url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/ari`, user: "u", password: "p", app: "a" });
    await expect(ari.listBridges(AbortSignal.timeout(150))).rejects.toMatchObject({ code: "timeout" });
  });

  it("destroying a bridge that is gone (404) or lingers outside our app (409, as the real Asterisk answers a racing DELETE) succeeds; any other refusal fails", async () => {
    const answers = [404, 409, 500];
    const server = http.createServer((req, res) => {
      const status = answers.shift() ?? 500;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `${req.method} ${req.url} refused` }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push({ close: () => server.close() });
    const ari = new AriClient({ url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/ari`, user: "u", password: "p", app: "a" });
    await expect(ari.destroyBridge("b1", AbortSignal.timeout(5_000))).resolves.toBeUndefined();
    await expect(ari.destroyBridge("b1", AbortSignal.timeout(5_000))).resolves.toBeUndefined();
    await expect(ari.destroyBridge("b1", AbortSignal.timeout(5_000))).rejects.toThrow(/destroying bridge b1/);
  });
});

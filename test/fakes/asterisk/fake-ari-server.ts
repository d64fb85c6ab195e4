import http from "node:http";
import type net from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { ARI_OPERATIONS, type AriOperation } from "./ari-description";
import { err, type Answer, type FakeAsterisk } from "./fake-asterisk";

/**
 * The fake Asterisk's HTTP server: ARI under /ari (REST and the events WebSocket) and
 * chan_websocket's /media/<id>, as Asterisk's own HTTP server serves them. Every ARI
 * request is first checked against the official description (ari-description.ts):
 * an operation it does not have is 404/405, a missing required parameter, a value
 * outside a parameter's allowed values or of the wrong type is 400, so the fake
 * refuses what real Asterisk would. It is stricter in one way, on purpose: a parameter
 * the description does not name is refused too (Asterisk ignores it, which would hide
 * a misspelt name until production). Authentication: Basic or api_key=user:password.
 */
export type FakeAriOptions = { user: string; password: string };

type Matched = { op: AriOperation; path: Record<string, string> };

export class FakeAriServer {
  private readonly http: http.Server;
  private readonly wss = new WebSocketServer({ noServer: true, autoPong: false, handleProtocols: (protocols) => (protocols.has("media") ? "media" : false) });
  private readonly sockets = new Set<net.Socket>();
  /** Every request the fake answered, for tests: method, path, status. */
  readonly requests: { method: string; path: string; status: number }[] = [];
  /** Answers to give instead, once each, by operation nickname: a test's way to make Asterisk fail at one step. */
  private readonly faults = new Map<string, Answer>();
  private readonly after = new Map<string, () => void>();
  private stalled = false;
  /** Pings received on the events sockets, for tests. */
  pings = 0;
  private readonly holds = new Map<string, { arrived: () => void; released: Promise<void> }>();

  constructor(
    private readonly asterisk: FakeAsterisk,
    private readonly opts: FakeAriOptions,
  ) {
    this.http = http.createServer((req, res) => this.onRequest(req, res));
    this.http.on("connection", (s) => {
      this.sockets.add(s);
      s.once("close", () => this.sockets.delete(s));
    });
    this.http.on("upgrade", (req, socket, head) => this.onUpgrade(req, socket as net.Socket, head));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.http.listen(0, "127.0.0.1", resolve));
    const { port } = this.http.address() as net.AddressInfo;
    return `http://127.0.0.1:${port}/ari`;
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  /** Resolves once every open WebSocket has answered a ping: all that was sent before has been handled by the client. */
  async flush(): Promise<void> {
    await Promise.all(
      [...this.wss.clients]
        .filter((c) => c.readyState === 1)
        .map(
          (c) =>
            new Promise<void>((resolve) => {
              const done = () => {
                c.off("pong", done);
                c.off("close", done);
                resolve();
              };
              c.on("pong", done);
              c.on("close", done);
              c.ping();
            }),
        ),
    );
  }

  /** The next request for `nickname` gets this answer (e.g. snoopChannel: 500 "Snoop channel could not be created"). */
  failNext(nickname: string, status: number, message: string): void {
    this.faults.set(nickname, err(status, message));
  }

  /** Runs `then` right after answering the next request for `nickname` (e.g. end the call just after addChannel). */
  afterNext(nickname: string, then: () => void): void {
    this.after.set(nickname, then);
  }

  /**
   * Holds the next request for `nickname` (an ARI operation, or "eventWebsocket" for the events
   * upgrade) until release(): a slow Asterisk at one step. `arrived` resolves when it comes in;
   * the request is answered, from Asterisk's state at that moment, after release().
   */
  holdNext(nickname: string): { arrived: Promise<void>; release: () => void } {
    let arrived!: () => void;
    let release!: () => void;
    const came = new Promise<void>((resolve) => (arrived = resolve));
    this.holds.set(nickname, { arrived, released: new Promise<void>((resolve) => (release = resolve)) });
    return { arrived: came, release };
  }

  /** Stops answering the pings of the events sockets (a half-open connection), or answers them again. */
  stallEventSockets(stalled: boolean): void {
    this.stalled = stalled;
  }

  /** Drops every events socket, as a restarting Asterisk would. */
  dropEventSockets(): void {
    for (const sockets of this.asterisk.apps.values()) for (const s of sockets) s.terminate();
  }

  private authorised(req: http.IncomingMessage, url: URL): boolean {
    const want = `${this.opts.user}:${this.opts.password}`;
    const header = req.headers.authorization ?? "";
    if (header.startsWith("Basic ") && Buffer.from(header.slice(6), "base64").toString() === want) return true;
    return url.searchParams.get("api_key") === want;
  }

  /** Resolves at once, or when a test releases the request it held (holdNext). */
  private held(nickname: string | undefined): Promise<void> {
    const hold = nickname === undefined ? undefined : this.holds.get(nickname);
    if (!hold || nickname === undefined) return Promise.resolve();
    this.holds.delete(nickname);
    hold.arrived();
    return hold.released;
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://fake");
    const matched = this.matched(req, url);
    void this.held("status" in matched ? undefined : matched.op.nickname).then(() => this.respond(req, res, url));
  }

  private respond(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    const { answer, nickname } = this.route(req, url);
    this.requests.push({ method: req.method ?? "", path: url.pathname, status: answer.status });
    // Drain the body (ARI bodies are JSON variables; none of ours sends one).
    req.resume();
    const headers: http.OutgoingHttpHeaders = answer.status === 401 ? { "www-authenticate": 'Basic realm="Asterisk REST Interface"' } : {};
    if (answer.bytes !== undefined) {
      res.writeHead(answer.status, { ...headers, "content-type": "application/octet-stream" }).end(answer.bytes);
    } else if (answer.body === undefined) {
      res.writeHead(answer.status, headers).end();
    } else {
      res.writeHead(answer.status, { ...headers, "content-type": "application/json" }).end(JSON.stringify(answer.body));
    }
    if (nickname) this.afterAnswer(nickname);
  }

  private afterAnswer(nickname: string): void {
    const then = this.after.get(nickname);
    if (!then) return;
    this.after.delete(nickname);
    then();
  }

  private route(req: http.IncomingMessage, url: URL): { answer: Answer; nickname?: string } {
    const matched = this.matched(req, url);
    if ("status" in matched) return { answer: matched };
    return { answer: this.answer(matched, url), nickname: matched.op.nickname };
  }

  /** The operation asked for, authorised and valid by the description, or the refusal. */
  private matched(req: http.IncomingMessage, url: URL): Matched | Answer {
    if (!url.pathname.startsWith("/ari/")) return err(404, "Not found");
    if (!this.authorised(req, url)) return err(401, "Authentication required");
    const matched = match(req.method ?? "GET", url.pathname.slice(4));
    if ("status" in matched) return matched;
    if (matched.op.upgrade) return err(400, "this resource needs a WebSocket upgrade");
    return validate(matched.op, queryOf(url)) ?? matched;
  }

  private answer({ op, path }: Matched, url: URL): Answer {
    const query = queryOf(url);
    const fault = this.faults.get(op.nickname);
    if (fault) {
      this.faults.delete(op.nickname);
      return fault;
    }
    const a = this.asterisk;
    const list = (v: string | undefined) => (v ?? "").split(",").filter((s) => s.length > 0);
    switch (op.nickname) {
      case "list":
        return op.file === "channels.json" ? a.listChannels() : a.listBridges();
      case "get":
        return op.file === "channels.json" ? a.getChannel(path.channelId ?? "") : a.getBridge(path.bridgeId ?? "");
      case "hangup":
        return a.hangup(path.channelId ?? "");
      case "originate":
        return a.originate(query);
      case "snoopChannel":
        return a.snoop(path.channelId ?? "", query);
      case "externalMedia":
        return a.externalMedia(query);
      case "create":
        return a.createBridge(query);
      case "destroy":
        return a.destroyBridge(path.bridgeId ?? "");
      case "addChannel":
        return a.addChannel(path.bridgeId ?? "", list(query.channel));
      case "removeChannel":
        return a.removeChannel(path.bridgeId ?? "", list(query.channel));
      case "subscribe":
        return a.subscribe(path.applicationName ?? "", list(query.eventSource));
      case "unsubscribe":
        return a.unsubscribe(path.applicationName ?? "", list(query.eventSource));
      case "listStored":
        return a.listStored();
      case "getStoredFile":
        return a.getStoredFile(path.recordingName ?? "");
      default:
        return err(501, `the fake Asterisk does not do ${op.nickname}`);
    }
  }

  private onUpgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://fake");
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname === "/ari/events") {
      if (!this.authorised(req, url)) return refuse(401, "Unauthorized");
      const apps = (url.searchParams.get("app") ?? "").split(",").filter((s) => s.length > 0);
      if (apps.length === 0) return refuse(400, "Bad Request");
      void this.held("eventWebsocket").then(() => this.wss.handleUpgrade(req, socket, head, (ws) => this.eventsConnected(ws, apps)));
      return;
    }
    if (url.pathname.startsWith("/media/")) {
      const found = this.asterisk.mediaChannelFor(decodeURIComponent(url.pathname.slice("/media/".length)));
      if ("status" in found) return refuse(found.status, found.status === 404 ? "Not found" : "Conflict");
      this.wss.handleUpgrade(req, socket, head, (ws) => this.asterisk.mediaConnected(found, ws));
      return;
    }
    refuse(404, "Not Found");
  }

  private eventsConnected(ws: WebSocket, apps: string[]): void {
    // Asterisk answers pings (res_http_websocket); a stalled one, as over a half-open connection, does not.
    ws.on("ping", (data) => {
      this.pings++;
      if (!this.stalled) ws.pong(data);
    });
    for (const app of apps) {
      const set = this.asterisk.apps.get(app) ?? new Set<WebSocket>();
      set.add(ws);
      this.asterisk.apps.set(app, set);
    }
    ws.once("close", () => {
      for (const app of apps) this.asterisk.apps.get(app)?.delete(ws);
    });
  }
}

/** The query parameters, without the credentials ARI also takes there. */
function queryOf(url: URL): Record<string, string> {
  const query = Object.fromEntries(url.searchParams);
  delete query.api_key;
  return query;
}

/** The description's operation for a method and path, or ARI's 404 / 405. */
function match(method: string, path: string): Matched | Answer {
  let pathKnown = false;
  for (const op of ARI_OPERATIONS) {
    const names: string[] = [];
    const re = new RegExp(`^${op.path.replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), "([^/]+)"))}$`);
    const m = re.exec(path);
    if (!m) continue;
    pathKnown = true;
    if (op.method !== method) continue;
    return { op, path: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? "")])) };
  }
  return pathKnown ? err(405, "Invalid method") : err(404, "Resource not found");
}

/** Required query parameters present, values of the allowed set and type, and no parameter the operation lacks. */
function validate(op: AriOperation, query: Record<string, string>): Answer | undefined {
  const known = new Map(op.params.filter((p) => p.in === "query").map((p) => [p.name, p]));
  for (const name of Object.keys(query)) {
    if (!known.has(name)) return err(400, `${op.nickname} has no parameter '${name}' (the fake refuses it; Asterisk would silently ignore it)`);
  }
  for (const p of known.values()) {
    const v = query[p.name];
    if (v === undefined || v === "") {
      if (p.required) return err(400, `missing required parameter ${p.name}`);
      continue;
    }
    const items = p.multiple ? v.split(",") : [v];
    for (const item of items) {
      if (p.values && !p.values.includes(item)) return err(400, `Invalid ${p.name}: '${item}' is not one of ${p.values.join(", ")}`);
      if ((p.type === "int" || p.type === "long") && !/^-?\d+$/.test(item)) return err(400, `${p.name} must be an integer`);
      if (p.type === "boolean" && !["true", "false", "yes", "no", "1", "0"].includes(item)) return err(400, `${p.name} must be a boolean`);
    }
  }
  return undefined;
}

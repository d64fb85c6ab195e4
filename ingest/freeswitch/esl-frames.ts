/**
 * The framing of FreeSWITCH's event socket (mod_event_socket, inbound mode), pure: no
 * sockets here, so every way TCP may cut the stream can be tested byte by byte.
 *
 * What the documentation ("mod_event_socket", developer.signalwire.com/freeswitch/
 * FreeSWITCH-Explained/Modules/mod_event_socket_1048924) and mod_event_socket.c say:
 *
 * - a frame is `Name: value` header lines ended by an empty line, then, when there is a
 *   `Content-Length` header, a body of that many bytes (not characters);
 * - a `text/event-plain` frame's body is itself an event as switch_event_serialize writes
 *   it: headers with URL-encoded values, an empty line, and, when the event has a body
 *   (a BACKGROUND_JOB's command output), `Content-Length: n` before that line and n bytes after;
 * - a command is a line, optional header lines, and an empty line.
 */
export type EslHeaders = Readonly<Record<string, string>>;
export type EslFrame = { headers: EslHeaders; body: string };
/** An event from a `text/event-plain` frame: its headers decoded, and its own body when it has one. */
export type EslEvent = { headers: EslHeaders; body?: string };

export class EslProtocolError extends Error {}

const BLANK_LINE = Buffer.from("\n\n");

function headerLines(text: string, decode: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const raw = line
      .slice(colon + 1)
      .replace(/^ /, "")
      .replace(/\r$/, "");
    headers[line.slice(0, colon)] = decode ? urlDecoded(raw) : raw;
  }
  return headers;
}

/** switch_url_encode writes %XX for what is not plain; a value that is not valid percent-encoding is kept as sent rather than lost. */
function urlDecoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function contentLength(headers: EslHeaders): number {
  const raw = headers["Content-Length"];
  if (raw === undefined) return 0;
  if (!/^\d+$/.test(raw)) throw new EslProtocolError(`the event socket sent a Content-Length of "${raw}"`);
  return Number(raw);
}

/**
 * Reads frames out of TCP chunks, which may end anywhere: inside a header, inside the
 * empty line, inside a body, or inside one UTF-8 character (bytes are kept until the
 * frame is whole, and only then decoded).
 */
export class EslFrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** A frame whose headers are read and whose body has not all arrived. */
  private open: { headers: EslHeaders; length: number } | undefined;

  /** The frames this chunk completes, in order; throws EslProtocolError on a stream that is not the event socket's. */
  push(chunk: Uint8Array): EslFrame[] {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    const frames: EslFrame[] = [];
    for (;;) {
      if (!this.open) {
        const end = this.buffer.indexOf(BLANK_LINE);
        if (end < 0) break;
        const headers = headerLines(this.buffer.toString("utf8", 0, end), false);
        this.buffer = this.buffer.subarray(end + BLANK_LINE.length);
        this.open = { headers, length: contentLength(headers) };
      }
      if (this.buffer.length < this.open.length) break;
      frames.push({ headers: this.open.headers, body: this.buffer.toString("utf8", 0, this.open.length) });
      this.buffer = this.buffer.subarray(this.open.length);
      this.open = undefined;
    }
    return frames;
  }
}

/** The event a `text/event-plain` frame carries. */
export function parseEventPlain(payload: string): EslEvent {
  const end = payload.indexOf("\n\n");
  const headers = headerLines(end < 0 ? payload : payload.slice(0, end), true);
  if (end < 0 || headers["Content-Length"] === undefined) return { headers };
  const rest = Buffer.from(payload.slice(end + 2));
  return { headers, body: rest.toString("utf8", 0, contentLength(headers)) };
}

/**
 * A command as the socket reads it. A line break inside would end the command early and
 * start another one (`\n\n` is the protocol's separator), so it is refused rather than sent.
 */
export function encodeCommand(line: string, headers: EslHeaders = {}): string {
  const parts = [line, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (parts.some((p) => /[\r\n]/.test(p))) throw new EslProtocolError("an event-socket command cannot contain a line break");
  return `${parts.join("\n")}\n\n`;
}

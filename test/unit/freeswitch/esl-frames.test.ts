import { describe, expect, it } from "vitest";
import { EslFrameReader, EslProtocolError, encodeCommand, parseEventPlain, type EslFrame } from "@/ingest/freeswitch/esl-frames";

/**
 * The event socket's framing, on a stream written out by hand as mod_event_socket.c writes it:
 * an auth request, a command reply, an api/response whose body has multi-byte UTF-8, and a
 * BACKGROUND_JOB event whose url-encoded headers and own body are inside the frame's body.
 */
const jobEvent =
  "Event-Name: BACKGROUND_JOB\n" +
  "Job-UUID: 7f4de4bc-17d7-11dd-b7a0-db4edd065621\n" +
  "Job-Command: originate\n" +
  "Job-Command-Arg: %7Bcc_queue%3Dsupport%40default%7Duser%2F1001%20%26park()\n" +
  "Caller-Caller-ID-Name: Zo%C3%AB%20M%C3%BCller\n" +
  "Content-Length: 41\n" +
  "\n" +
  "+OK 7f4de4bc-17d7-11dd-b7a0-db4edd065621\n";

const frameTexts = [
  "Content-Type: auth/request\n\n",
  "Content-Type: command/reply\nReply-Text: +OK accepted\n\n",
  // 11 characters, 14 bytes (ë is two, → three): a reader counting characters would run into the next frame.
  "Content-Type: api/response\nContent-Length: 14\n\nZoë → 1001\n",
  `Content-Length: 279\nContent-Type: text/event-plain\n\n${jobEvent}`,
];
const stream = frameTexts.join("");

const expected: EslFrame[] = [
  { headers: { "Content-Type": "auth/request" }, body: "" },
  { headers: { "Content-Type": "command/reply", "Reply-Text": "+OK accepted" }, body: "" },
  { headers: { "Content-Type": "api/response", "Content-Length": "14" }, body: "Zoë → 1001\n" },
  { headers: { "Content-Length": "279", "Content-Type": "text/event-plain" }, body: jobEvent },
];

describe("EslFrameReader", () => {
  it("reads the frames of one whole chunk, bodies by byte count", () => {
    // The lengths written above, checked: the ë of the job's caller name is %C3%AB, so the job event is plain ASCII.
    expect([Buffer.byteLength("Zoë → 1001\n"), "Zoë → 1001\n".length, Buffer.byteLength(jobEvent), jobEvent.length]).toEqual([14, 11, 279, 279]);
    expect(new EslFrameReader().push(Buffer.from(stream))).toEqual(expected);
  });

  it("reads the same frames whichever byte TCP splits the stream at", () => {
    const bytes = Buffer.from(stream);
    for (let at = 0; at <= bytes.length; at++) {
      const reader = new EslFrameReader();
      const frames = [...reader.push(bytes.subarray(0, at)), ...reader.push(bytes.subarray(at))];
      expect(frames, `split at byte ${at}`).toEqual(expected);
    }
  });

  it("reads them byte by byte, each frame once its last byte has come", () => {
    const bytes = Buffer.from(stream);
    const reader = new EslFrameReader();
    const seen: { frame: EslFrame; at: number }[] = [];
    bytes.forEach((_, i) => {
      for (const frame of reader.push(bytes.subarray(i, i + 1))) seen.push({ frame, at: i + 1 });
    });
    expect(seen.map((s) => s.frame)).toEqual(expected);
    // Each frame completes exactly at the byte where its text ends.
    let end = 0;
    expect(seen.map((s) => s.at)).toEqual(frameTexts.map((t) => (end += Buffer.byteLength(t))));
  });

  it("refuses a Content-Length that is not a number", () => {
    expect(() => new EslFrameReader().push(Buffer.from("Content-Type: api/response\nContent-Length: ten\n\n"))).toThrow(EslProtocolError);
  });
});

describe("parseEventPlain", () => {
  it("decodes the headers and keeps the event's own body", () => {
    expect(parseEventPlain(jobEvent)).toEqual({
      headers: {
        "Event-Name": "BACKGROUND_JOB",
        "Job-UUID": "7f4de4bc-17d7-11dd-b7a0-db4edd065621",
        "Job-Command": "originate",
        "Job-Command-Arg": "{cc_queue=support@default}user/1001 &park()",
        "Caller-Caller-ID-Name": "Zoë Müller",
        "Content-Length": "41",
      },
      body: "+OK 7f4de4bc-17d7-11dd-b7a0-db4edd065621\n",
    });
  });

  it("reads an event without a body, and keeps a value that is not valid percent-encoding as sent", () => {
    expect(parseEventPlain("Event-Name: CHANNEL_CREATE\nUnique-ID: u-1\nvariable_x: 100%\n\n")).toEqual({
      headers: { "Event-Name": "CHANNEL_CREATE", "Unique-ID": "u-1", variable_x: "100%" },
    });
  });
});

describe("encodeCommand", () => {
  it("writes the line, its headers and the empty line that ends it", () => {
    expect(encodeCommand("bgapi status", { "Job-UUID": "j-1" })).toBe("bgapi status\nJob-UUID: j-1\n\n");
    expect(encodeCommand("exit")).toBe("exit\n\n");
  });

  it("refuses a line break, which would end the command early and start another", () => {
    expect(() => encodeCommand("bgapi originate user/1001\n\nbgapi fsctl shutdown")).toThrow(EslProtocolError);
    expect(() => encodeCommand("auth pass\r")).toThrow(EslProtocolError);
    expect(() => encodeCommand("bgapi status", { "Job-UUID": "a\nb" })).toThrow(EslProtocolError);
  });
});

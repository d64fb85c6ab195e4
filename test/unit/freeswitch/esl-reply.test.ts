import { describe, expect, it } from "vitest";
import { CommandFailed } from "@/lib/telephony/commands";
import { expectOk, failureOf, parseApiReply } from "@/ingest/freeswitch/esl-reply";
import { abortion } from "@/ingest/freeswitch/esl-connection";

/** Replies as FreeSWITCH writes them (mod_commands.c, mod_callcenter.c, mod_event_socket.c), and the product's code for each. */
describe("FreeSWITCH API replies", () => {
  it("reads +OK, bare values, -ERR and -USAGE", () => {
    expect(parseApiReply("+OK 5d3b8c1e-0000-4000-8000-000000000001\n")).toEqual({ ok: true, text: "5d3b8c1e-0000-4000-8000-000000000001" });
    expect(parseApiReply("+OK\n")).toEqual({ ok: true, text: "" });
    expect(parseApiReply("true")).toEqual({ ok: true, text: "true" });
    expect(parseApiReply("On Break")).toEqual({ ok: true, text: "On Break" });
    expect(parseApiReply("-ERR Agent not found!\n")).toEqual({ ok: false, error: "Agent not found!" });
    expect(parseApiReply("-USAGE: <uuid> <var> [value]\n")).toEqual({ ok: false, error: "USAGE: <uuid> <var> [value]" });
  });

  it.each([
    ["Agent not found!", "no_such_agent"],
    ["Invalid Queue not found!", "no_such_queue"],
    ["No such channel!", "call_ended"],
    ["Cannot locate session!", "call_ended"],
    ["USER_NOT_REGISTERED", "not_logged_on"],
    ["SUBSCRIBER_ABSENT", "not_logged_on"],
    ["USER_BUSY", "busy"],
    ["NO_ANSWER", "busy"],
    ["CALL_REJECTED", "busy"],
    ["permission denied", "not_permitted"],
    ["callcenter_config Command not found!", "unsupported"],
    ["Invalid Agent Status!", "unreachable"],
    ["DESTINATION_OUT_OF_ORDER", "unreachable"],
  ])("-ERR %s is %s", (error, code) => {
    const failure = failureOf(error, "the test command");
    expect(failure).toBeInstanceOf(CommandFailed);
    expect(failure.code).toBe(code);
    expect(failure.message).toContain(error);
  });

  it("expectOk gives the text or throws the failure", () => {
    expect(expectOk("+OK 1234 received DTMF 2.\n", "x")).toBe("1234 received DTMF 2.");
    expect(() => expectOk("-ERR No such channel!\n", "the kill")).toThrow(expect.objectContaining({ code: "call_ended" }));
  });
});

describe("abortion", () => {
  it("rejects for a signal aborted before or after it is asked", async () => {
    await expect(abortion(AbortSignal.abort(), "given up")).rejects.toThrow("given up");
    const c = new AbortController();
    const later = abortion(c.signal, "later");
    c.abort();
    await expect(later).rejects.toThrow("later");
  });
});

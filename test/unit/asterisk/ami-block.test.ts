import { describe, expect, it } from "vitest";
import { parseBlock } from "@/ingest/asterisk/ami-client";

describe("AMI blocks", () => {
  it("reads Key: value lines, values trimmed and colons inside values kept", () => {
    expect(parseBlock("Response: Error\r\nActionID: ccs-3\r\nMessage: Invalid/unknown command: Nope. Use Action: ListCommands to show available commands.")).toEqual({
      Response: "Error",
      ActionID: "ccs-3",
      Message: "Invalid/unknown command: Nope. Use Action: ListCommands to show available commands.",
    });
    expect(parseBlock("Event: QueueMember\r\nPausedReason: \r\nnot a field")).toEqual({ Event: "QueueMember", PausedReason: "" });
  });
});

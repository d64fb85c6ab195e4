import { z } from "zod";
import { readCall } from "@/lib/calls/read-call";
import { readTranscript } from "@/lib/calls/transcript";
import { OutOfScope } from "@/lib/errors/domain-errors";
import { defineEndpoint } from "../endpoint";

const pathId = (what: string) =>
  z
    .string({ error: `required: the ${what} id` })
    .trim()
    .min(1, "must not be empty")
    .max(128, "is too long");

/** One call for the call page: facts, legs, recordings and their timeline markers. */
export const callEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/calls/[callId]",
  capability: "recordings",
  scope: { results: "only the call's legs in scope, with their recordings; a call with none in scope is 404 like an unknown one" },
  params: z.object({ callId: pathId("call") }),
  run: ({ ch, tenantId, access }, p) => readCall(ch, tenantId, access, p.callId),
});

/** A recording's transcript: segments with speaker, channel and each word's times. */
export const callTranscript = defineEndpoint({
  method: "GET",
  path: "/api/calls/[callId]/recordings/[recordingId]/transcript",
  capability: "recordings",
  scope: { results: "a recording of a leg out of scope is 404 like an unknown one" },
  params: z.object({ callId: pathId("call"), recordingId: pathId("recording") }),
  run: async ({ ch, tenantId, access }, p) => {
    // The call's own scope rule decides which of its recordings the caller may read.
    const view = await readCall(ch, tenantId, access, p.callId);
    if (!view.recordings.some((r) => r.recordingId === p.recordingId)) throw new OutOfScope();
    return { recordingId: p.recordingId, segments: await readTranscript(ch, tenantId, p.callId, p.recordingId) };
  },
});

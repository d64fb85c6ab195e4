import { z } from "zod";

/** The speech worker's lines (speech/worker.py); anything else on its stdout is a protocol error. */

export const workerWord = z.object({ t: z.string(), s: z.number(), e: z.number(), p: z.number().optional() });
export const workerSegment = z.object({
  startMs: z.number(),
  endMs: z.number(),
  text: z.string(),
  confidence: z.number().optional(),
  words: z.array(workerWord),
});
export const channelResult = z.object({ channel: z.number().int().min(0), segments: z.array(workerSegment) });

export const workerMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), model: z.string(), versions: z.record(z.string(), z.string()) }),
  z.object({ type: z.literal("fatal"), error: z.string() }),
  z.object({ type: z.literal("progress"), id: z.string(), fraction: z.number() }),
  z.object({ type: z.literal("result"), id: z.string(), durationMs: z.number(), channels: z.array(channelResult) }),
  z.object({ type: z.literal("error"), id: z.string().nullable(), error: z.string() }),
  z.object({ type: z.literal("pong"), id: z.string() }),
]);

export type WorkerMessage = z.infer<typeof workerMessage>;
export type TranscriptionResult = Extract<WorkerMessage, { type: "result" }>;
export type WorkerSegment = z.infer<typeof workerSegment>;

export type TranscribeRequest = { type: "transcribe"; id: string; path: string; channels: number[] };

/**
 * Audio as the media pipeline handles it: signed 16-bit samples, one array per
 * channel, all of one length, with each channel's role (agent, caller, or mixed
 * for a mono recording of both).
 */
export type ChannelRole = "agent" | "caller" | "mixed";

export type PcmAudio = { sampleRate: number; channels: Int16Array[]; channelRoles: ChannelRole[] };

/** A span to silence: ms from the recording's start, on one channel or (null) on all. */
export type SilenceSpan = { channel: number | null; startMs: number; endMs: number };

export const durationMsOf = (pcm: { sampleRate: number; channels: readonly Int16Array[] }): number =>
  Math.round(((pcm.channels[0]?.length ?? 0) / pcm.sampleRate) * 1000);

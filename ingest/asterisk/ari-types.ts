/**
 * The parts of ARI's models (rest-api/api-docs/channels.json, bridges.json, recordings.json, events.json of
 * Asterisk 23) this adapter reads. Asterisk sends more fields; these are the ones we rely on.
 */
export type AriChannel = {
  id: string;
  name: string;
  state: string;
  creationtime?: string;
  /** Present on externalMedia's answer: MEDIA_WEBSOCKET_CONNECTION_ID names the media socket (chan_websocket). */
  channelvars?: Record<string, string>;
};

export type AriBridge = { id: string; technology: string; bridge_type: string; bridge_class: string; channels: string[] };

/** recordings.json StoredRecording: a file under the spool's recording/ directory, named relative to it without its extension. */
export type AriStoredRecording = { name: string; format: string };

/** Every ARI event carries its type, the application and Asterisk's time (ISO 8601 with a +0000 offset). */
type Base = { application: string; timestamp: string; asterisk_id?: string };

export type AriEvent =
  | (Base & { type: "StasisStart"; args: string[]; channel: AriChannel })
  | (Base & { type: "StasisEnd"; channel: AriChannel })
  | (Base & { type: "ChannelDestroyed"; cause: number; cause_txt: string; channel: AriChannel })
  | (Base & { type: "ChannelHangupRequest"; cause?: number; soft?: boolean; channel: AriChannel });

export type AriEventType = AriEvent["type"];

/** ARI's timestamps ("2026-12-07T08:00:00.123+0000") as epoch ms; JavaScript wants the offset with a colon. */
export function ariTime(timestamp: string): number {
  const t = Date.parse(timestamp.replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
  if (Number.isNaN(t)) throw new Error(`not an ARI timestamp: ${timestamp}`);
  return t;
}

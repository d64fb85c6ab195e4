/**
 * The subset of ARI this product uses, extracted by hand from the official API description
 * in the Asterisk source, rest-api/api-docs/{channels,bridges,applications,recordings,events}.json of
 * Asterisk 23.4.1 (tag 23.4.1, commit 9c6d578e), Swagger 1.1 (ARI apiVersion 2.0.0). Only what
 * the fake checks requests against is kept: method, path, nickname, each parameter's
 * name, place, required flag, type, allowed values and whether it takes a comma list, and
 * the documented error codes. test/integration/asterisk/ari-description.test.ts compares
 * this extract with the source whenever the source is on the machine.
 */
export type AriParam = {
  name: string;
  in: "path" | "query" | "body";
  required: boolean;
  type: string;
  values?: readonly string[];
  multiple?: boolean;
};

export type AriOperation = {
  file: string;
  nickname: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  params: readonly AriParam[];
  errors: readonly number[];
  /** The operation upgrades to a WebSocket (events.json's /events). */
  upgrade?: "websocket";
};

export const ARI_OPERATIONS: readonly AriOperation[] = [
  {
    file: "channels.json",
    nickname: "list",
    method: "GET",
    path: "/channels",
    params: [],
    errors: [],
  },
  {
    file: "channels.json",
    nickname: "originate",
    method: "POST",
    path: "/channels",
    params: [
      { name: "endpoint", in: "query", required: true, type: "string" },
      { name: "extension", in: "query", required: false, type: "string" },
      { name: "context", in: "query", required: false, type: "string" },
      { name: "priority", in: "query", required: false, type: "long" },
      { name: "label", in: "query", required: false, type: "string" },
      { name: "app", in: "query", required: false, type: "string" },
      { name: "appArgs", in: "query", required: false, type: "string" },
      { name: "callerId", in: "query", required: false, type: "string" },
      { name: "timeout", in: "query", required: false, type: "int" },
      { name: "variables", in: "body", required: false, type: "containers" },
      { name: "channelId", in: "query", required: false, type: "string" },
      { name: "otherChannelId", in: "query", required: false, type: "string" },
      { name: "originator", in: "query", required: false, type: "string" },
      { name: "formats", in: "query", required: false, type: "string" },
    ],
    errors: [400, 409],
  },
  {
    file: "channels.json",
    nickname: "get",
    method: "GET",
    path: "/channels/{channelId}",
    params: [{ name: "channelId", in: "path", required: true, type: "string" }],
    errors: [404],
  },
  {
    file: "channels.json",
    nickname: "hangup",
    method: "DELETE",
    path: "/channels/{channelId}",
    params: [
      { name: "channelId", in: "path", required: true, type: "string" },
      { name: "reason_code", in: "query", required: false, type: "string" },
      {
        name: "reason",
        in: "query",
        required: false,
        type: "string",
        values: [
          "normal",
          "busy",
          "congestion",
          "no_answer",
          "timeout",
          "rejected",
          "unallocated",
          "normal_unspecified",
          "number_incomplete",
          "codec_mismatch",
          "interworking",
          "failure",
          "answered_elsewhere",
        ],
      },
    ],
    errors: [400, 404],
  },
  {
    file: "channels.json",
    nickname: "snoopChannel",
    method: "POST",
    path: "/channels/{channelId}/snoop",
    params: [
      { name: "channelId", in: "path", required: true, type: "string" },
      { name: "spy", in: "query", required: false, type: "string", values: ["none", "both", "out", "in"] },
      { name: "whisper", in: "query", required: false, type: "string", values: ["none", "both", "out", "in"] },
      { name: "app", in: "query", required: true, type: "string" },
      { name: "appArgs", in: "query", required: false, type: "string" },
      { name: "snoopId", in: "query", required: false, type: "string" },
    ],
    errors: [400, 404],
  },
  {
    file: "channels.json",
    nickname: "externalMedia",
    method: "POST",
    path: "/channels/externalMedia",
    params: [
      { name: "channelId", in: "query", required: false, type: "string" },
      { name: "app", in: "query", required: true, type: "string" },
      { name: "variables", in: "body", required: false, type: "containers" },
      { name: "external_host", in: "query", required: false, type: "string" },
      { name: "encapsulation", in: "query", required: false, type: "string", values: ["rtp", "audiosocket", "none"] },
      { name: "transport", in: "query", required: false, type: "string", values: ["udp", "tcp", "websocket"] },
      { name: "connection_type", in: "query", required: false, type: "string", values: ["client", "server"] },
      { name: "format", in: "query", required: true, type: "string" },
      { name: "direction", in: "query", required: false, type: "string", values: ["both"] },
      { name: "data", in: "query", required: false, type: "string" },
      { name: "transport_data", in: "query", required: false, type: "string" },
    ],
    errors: [400, 409],
  },
  {
    file: "bridges.json",
    nickname: "list",
    method: "GET",
    path: "/bridges",
    params: [],
    errors: [],
  },
  {
    file: "bridges.json",
    nickname: "create",
    method: "POST",
    path: "/bridges",
    params: [
      { name: "type", in: "query", required: false, type: "string" },
      { name: "bridgeId", in: "query", required: false, type: "string" },
      { name: "name", in: "query", required: false, type: "string" },
      { name: "variables", in: "body", required: false, type: "containers" },
    ],
    errors: [409],
  },
  {
    file: "bridges.json",
    nickname: "get",
    method: "GET",
    path: "/bridges/{bridgeId}",
    params: [{ name: "bridgeId", in: "path", required: true, type: "string" }],
    errors: [404],
  },
  {
    file: "bridges.json",
    nickname: "destroy",
    method: "DELETE",
    path: "/bridges/{bridgeId}",
    params: [{ name: "bridgeId", in: "path", required: true, type: "string" }],
    errors: [404],
  },
  {
    file: "bridges.json",
    nickname: "addChannel",
    method: "POST",
    path: "/bridges/{bridgeId}/addChannel",
    params: [
      { name: "bridgeId", in: "path", required: true, type: "string" },
      { name: "channel", in: "query", required: true, type: "string", multiple: true },
      { name: "role", in: "query", required: false, type: "string" },
      { name: "absorbDTMF", in: "query", required: false, type: "boolean" },
      { name: "mute", in: "query", required: false, type: "boolean" },
      { name: "inhibitConnectedLineUpdates", in: "query", required: false, type: "boolean" },
    ],
    errors: [400, 404, 409, 422],
  },
  {
    file: "bridges.json",
    nickname: "removeChannel",
    method: "POST",
    path: "/bridges/{bridgeId}/removeChannel",
    params: [
      { name: "bridgeId", in: "path", required: true, type: "string" },
      { name: "channel", in: "query", required: true, type: "string", multiple: true },
    ],
    errors: [400, 404, 409, 422],
  },
  {
    file: "applications.json",
    nickname: "subscribe",
    method: "POST",
    path: "/applications/{applicationName}/subscription",
    params: [
      { name: "applicationName", in: "path", required: true, type: "string" },
      { name: "eventSource", in: "query", required: true, type: "string", multiple: true },
    ],
    errors: [400, 404, 422],
  },
  {
    file: "applications.json",
    nickname: "unsubscribe",
    method: "DELETE",
    path: "/applications/{applicationName}/subscription",
    params: [
      { name: "applicationName", in: "path", required: true, type: "string" },
      { name: "eventSource", in: "query", required: true, type: "string", multiple: true },
    ],
    errors: [400, 404, 409, 422],
  },
  {
    file: "recordings.json",
    nickname: "listStored",
    method: "GET",
    path: "/recordings/stored",
    params: [],
    errors: [],
  },
  {
    file: "recordings.json",
    nickname: "getStoredFile",
    method: "GET",
    path: "/recordings/stored/{recordingName}/file",
    params: [{ name: "recordingName", in: "path", required: true, type: "string" }],
    errors: [403, 404],
  },
  {
    file: "events.json",
    nickname: "eventWebsocket",
    method: "GET",
    path: "/events",
    params: [
      { name: "app", in: "query", required: true, type: "string", multiple: true },
      { name: "subscribeAll", in: "query", required: false, type: "boolean" },
    ],
    errors: [],
    upgrade: "websocket",
  },
];

import { z } from "zod";
import { parseOidcPolicy } from "./auth/oidc/policy";
import { MAKE_SECRET_HINT, secretWeakness } from "./auth/secret-strength";
import { canonicalTimeZone } from "./time/valid-time-zone";
import { readSimulatorTimeZone } from "./config/simulator-file";

/**
 * Every setting the product reads, parsed once. A bad value stops start-up with a
 * message that names the variable. The README's configuration table mirrors this.
 */
const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");
const optionalString = z.string().trim().min(1).optional();

/**
 * The telephony platforms the runtime can drive (ingest/platform/registry.ts holds a
 * factory for each; the compiler insists on one per name). `none` runs no adapter.
 */
export const TELEPHONY_PLATFORMS = ["simulator", "asterisk", "freeswitch"] as const;
export type TelephonyPlatform = (typeof TELEPHONY_PLATFORMS)[number];
export type Telephony = TelephonyPlatform | "none";

export const envSchema = z.object({
  CLICKHOUSE_URL: z.url().optional(),
  CLICKHOUSE_USER: z.string().default("default"),
  CLICKHOUSE_PASSWORD: z.string().default(""),
  /** A read-only ClickHouse user for `npm run ch` (docs/operator-sql.md); unset: the main user, still checked. */
  CLICKHOUSE_READONLY_USER: optionalString,
  CLICKHOUSE_READONLY_PASSWORD: z.string().default(""),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a plain identifier")
    .default("default"),
  DATA_DIR: z.string().min(1).default("./data"),
  TENANT_ID: z.string().min(1).max(128).default("demo"),
  /**
   * The centre's IANA time zone: every page's default clock and the live floor's "today" (README,
   * "Configuration"). Unset: the simulated centre's own zone when the simulator feeds the product, else UTC.
   */
  CENTRE_TIME_ZONE: z.string().trim().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DEMO_MODE: bool.optional(),
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: z.url().optional(),
  /** Take X-Forwarded-Host/-Proto/-For from the proxy in front (only set when there is one). */
  AUTH_TRUST_PROXY: bool.default(false),
  AUTH_USERS_FILE: optionalString,
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_ALLOWED_EMAILS: optionalString,
  OIDC_ALLOWED_DOMAINS: optionalString,
  OIDC_ALLOWED_GROUPS: optionalString,
  OIDC_GROUPS_CLAIM: z.string().trim().min(1).default("groups"),
  OIDC_ROLE_CLAIM: z.string().trim().min(1).default("roles"),
  OIDC_ROLE_MAP: optionalString,
  /** No default: an allowed person with no mappable role is refused unless this is set. */
  OIDC_DEFAULT_ROLE: z.enum(["admin", "manager", "supervisor", "qa"]).optional(),
  OIDC_SCOPE_CLAIM: optionalString,
  TELEPHONY: z.enum(["none", ...TELEPHONY_PLATFORMS]).optional(),
  /** Deprecated alias: true = TELEPHONY=simulator, false = TELEPHONY=none. */
  SIMULATOR: bool.optional(),
  SIM_CONFIG: optionalString,
  SIM_SEED: z.coerce.number().int().default(42),
  SIM_BACKFILL_DAYS: z.coerce.number().min(0).max(400).default(30),
  SIM_RECORDING_DAYS: z.coerce.number().min(0).max(400).default(4),
  /** TELEPHONY=asterisk (docs/telephony.md, "Asterisk"): ARI's base URL, e.g. http://pbx:8088/ari, and an ari.conf user. */
  ARI_URL: z.url().optional(),
  ARI_USER: optionalString,
  ARI_PASSWORD: optionalString,
  /** The Stasis application our snoop and media channels enter; ARI creates it when we connect. */
  ARI_APP: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be 1-64 letters, digits, _ . or -")
    .default("ccs-supervisor"),
  /** AMI (manager.conf) for agent state: host defaults to ARI_URL's. */
  AMI_HOST: optionalString,
  AMI_PORT: z.coerce.number().int().min(1).max(65535).default(5038),
  AMI_USER: optionalString,
  AMI_SECRET: optionalString,
  /** Asterisk's queue_log, when the product can read it: followed for the call and agent events. */
  ASTERISK_QUEUE_LOG: optionalString,
  /** app_queue's wrapuptime in seconds, which queue_log does not record (as import:queue-log's --wrapup). */
  ASTERISK_WRAPUP_SECONDS: z.coerce.number().min(0).max(86_400).default(0),
  /** What a callback dials for the customer through ARI: {number}, {queue} (docs/telephony.md, "Asterisk"). */
  ASTERISK_CALLBACK_ENDPOINT: z.string().default("PJSIP/{number}@trunk"),
  /** A supervisor's own phone for "Call back myself" through ARI: {extension}, {supervisorId}. */
  ASTERISK_SUPERVISOR_ENDPOINT: z.string().default("PJSIP/{extension}"),
  /** The caller ID a callback presents to the customer ({queue} allowed); unset: the trunk's default. */
  ASTERISK_CALLBACK_CALLER_ID: optionalString,
  /** How often the web server fetches new recordings from a platform that hands them over (Asterisk: ARI's stored recordings); 0: never. */
  RECORDINGS_FETCH_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  /** How far back (by call start) each fetch looks; older recordings are a backfill's (`npm run import:recordings -- --from ari`). */
  RECORDINGS_FETCH_LOOKBACK_HOURS: z.coerce.number().min(1).max(8_760).default(24),
  /** TELEPHONY=freeswitch (docs/telephony.md, "FreeSWITCH"): the event socket (event_socket.conf.xml) and the dial strings. */
  FREESWITCH_ESL_HOST: optionalString,
  FREESWITCH_ESL_PORT: z.coerce.number().int().min(1).max(65535).default(8021),
  FREESWITCH_ESL_PASSWORD: optionalString,
  FREESWITCH_CALLBACK_DIALSTRING: z.string().trim().min(1).default("user/{agent} &bridge(sofia/gateway/default/{number})"),
  FREESWITCH_SUPERVISOR_DIALSTRING: z.string().trim().min(1).default("{sip_auto_answer=true}user/{extension}"),
  FREESWITCH_SUPERVISOR_CALLBACK_DIALSTRING: z.string().trim().min(1).default("user/{extension} &bridge(sofia/gateway/default/{number})"),
  KAFKA_BROKERS: optionalString,
  KAFKA_TOPIC: z.string().min(1).default("cti.events"),
  KAFKA_DLQ_TOPIC: optionalString,
  KAFKA_GROUP_ID: z.string().min(1).default("cc-supervisor-ingest"),
  KAFKA_CLIENT_ID: z.string().min(1).default("cc-supervisor"),
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(10_000).default(12),
  STORE_COMPACT_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  INGEST_IN_WEB: bool.optional(),
  INGEST_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  INGEST_SHUTDOWN_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  INGEST_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000_000).default(20_000),
  // The Kafka worker's insert: offsets per partition, cut at multiples of this (ingest/kafka/offset-blocks.ts).
  INGEST_BLOCK_OFFSETS: z.coerce.number().int().min(100).max(20_000).default(5_000),
  INGEST_FLUSH_MS: z.coerce.number().int().min(1).max(60_000).default(250),
  INGEST_MAX_EVENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024)
    .default(64 * 1024),
  // Events dated further ahead of this server's clock are dead letters (lib/events/future-time.ts).
  INGEST_MAX_FUTURE_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(7 * 86_400_000)
    .default(5 * 60_000),
  // TV wallboard (docs/live-floor.md, "TV mode"): seconds each page of sections shows, and seconds without news before "stale".
  WALLBOARD_TV_PAGE_SECONDS: z.coerce.number().int().min(3).max(3600).default(15),
  WALLBOARD_STALE_SECONDS: z.coerce.number().int().min(6).max(3600).default(10),
  // Rows a contacts CSV export holds at most; a longer list is cut, and the file and its headers say so.
  EXPORT_MAX_ROWS: z.coerce.number().int().min(1).max(100_000_000).default(1_000_000),
  // Recording audio and peaks go to DATA_DIR/recordings unless a bucket is named (docs/recordings.md, "Storage and serving").
  RECORDINGS_S3_BUCKET: optionalString,
  RECORDINGS_S3_ENDPOINT: z.url().optional(),
  RECORDINGS_S3_REGION: z.string().trim().min(1).default("us-east-1"),
  RECORDINGS_S3_ACCESS_KEY_ID: optionalString,
  RECORDINGS_S3_SECRET_ACCESS_KEY: optionalString,
  RECORDINGS_S3_PATH_STYLE: bool.default(true),
  RECORDINGS_S3_PREFIX: z
    .string()
    .regex(/^([A-Za-z0-9_-][A-Za-z0-9._-]*\/)*$/, "must be empty or path segments each ending in /")
    .optional(),
  /** The speech worker's venv (npm run speech:install); without it the product says "no recogniser set up". */
  SPEECH_VENV: z.string().min(1).default(".speech-venv"),
  /** Speech worker processes, so transcription jobs run at once at most; 0 = this process transcribes nothing. */
  SPEECH_WORKERS: z.coerce.number().int().min(0).max(16).default(1),
  /** CPU threads per speech worker. */
  SPEECH_THREADS: z.coerce.number().int().min(1).max(64).default(1),
  /** Keep transcript segments as they were before redaction (admins only) until an admin changes the setting. */
  REDACTION_KEEP_ORIGINAL: bool.default(false),
});

type RawEnv = z.infer<typeof envSchema>;

export type Env = RawEnv & {
  /** Embedded chDB store (no CLICKHOUSE_URL). */
  embedded: boolean;
  /** Demo users and the simulator: on by default in the embedded shape. */
  demoMode: boolean;
  /** Which platform adapter the web process drives: the simulator in demo mode without Kafka, else none. */
  telephony: Telephony;
  /** The web server consumes Kafka itself: needed when the store is embedded (one process per chDB). */
  ingestInWeb: boolean;
  kafkaBrokers: string[];
  dlqTopic: string;
  /** Deprecated settings in use, one line each, for the start-up log. */
  deprecations: string[];
  /** CENTRE_TIME_ZONE in its canonical spelling ("europe/london" becomes "Europe/London"). */
  centreTimeZone: string;
};

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join("\n  ")}`);
    this.name = "EnvError";
  }
}

export type ParseEnvOptions = {
  /** The simulated centre's time zone (from SIM_CONFIG): the default CENTRE_TIME_ZONE when the simulator runs. */
  simulatorTimeZone?: (simConfig: string | undefined) => string | undefined;
};

export function parseEnv(source: Record<string, string | undefined>, o: ParseEnvOptions = {}): Env {
  // Treat empty strings as unset so `FOO= npm start` means "default".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const env = result.data;
  const embedded = env.CLICKHOUSE_URL === undefined;
  const demoMode = env.DEMO_MODE ?? embedded;
  if (env.RECORDINGS_S3_BUCKET && (!env.RECORDINGS_S3_ACCESS_KEY_ID || !env.RECORDINGS_S3_SECRET_ACCESS_KEY)) {
    throw new EnvError(["RECORDINGS_S3_ACCESS_KEY_ID / RECORDINGS_S3_SECRET_ACCESS_KEY: required when RECORDINGS_S3_BUCKET is set"]);
  }
  if (env.OIDC_ISSUER && (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET)) {
    throw new EnvError(["OIDC_CLIENT_ID / OIDC_CLIENT_SECRET: required when OIDC_ISSUER is set"]);
  }
  const kafkaBrokers = (env.KAFKA_BROKERS ?? "")
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (env.TELEPHONY === "asterisk") {
    const missing = (["ARI_URL", "ARI_USER", "ARI_PASSWORD", "AMI_USER", "AMI_SECRET"] as const).filter((k) => env[k] === undefined);
    if (missing.length > 0) throw new EnvError(missing.map((k) => `${k}: required when TELEPHONY=asterisk`));
  }
  const aliased: Telephony | undefined = env.SIMULATOR === undefined ? undefined : env.SIMULATOR ? "simulator" : "none";
  if (env.TELEPHONY === "freeswitch" && (env.FREESWITCH_ESL_HOST === undefined || env.FREESWITCH_ESL_PASSWORD === undefined)) {
    throw new EnvError(["FREESWITCH_ESL_HOST / FREESWITCH_ESL_PASSWORD: required when TELEPHONY=freeswitch"]);
  }
  if (env.TELEPHONY !== undefined && aliased !== undefined && env.TELEPHONY !== aliased) {
    throw new EnvError([`SIMULATOR: contradicts TELEPHONY=${env.TELEPHONY}; SIMULATOR is deprecated, set only TELEPHONY`]);
  }
  const telephony = env.TELEPHONY ?? aliased ?? (demoMode && kafkaBrokers.length === 0 ? "simulator" : "none");
  // A demo's "today" is the simulated centre's, whose agents keep its hours; a real centre names its zone.
  const zoneName = env.CENTRE_TIME_ZONE ?? (telephony === "simulator" ? o.simulatorTimeZone?.(env.SIM_CONFIG) : undefined) ?? "UTC";
  const centreTimeZone = canonicalTimeZone(zoneName);
  if (centreTimeZone === null) {
    throw new EnvError([`CENTRE_TIME_ZONE: "${zoneName}" is not an IANA time zone this runtime knows (e.g. Europe/London, America/New_York, UTC)`]);
  }
  return {
    ...env,
    embedded,
    demoMode,
    telephony,
    ingestInWeb: env.INGEST_IN_WEB ?? (embedded && kafkaBrokers.length > 0),
    kafkaBrokers,
    dlqTopic: env.KAFKA_DLQ_TOPIC ?? `${env.KAFKA_TOPIC}.dlq`,
    deprecations: aliased === undefined ? [] : [`SIMULATOR is deprecated: use TELEPHONY=${aliased}`],
    centreTimeZone,
  };
}

/**
 * What the web server (not the ingest worker) needs on top: a way to sign users in,
 * a secret nobody can guess, and, with single sign-on, an allow-list. The last two
 * hold in demo mode too: a demo reachable from a network is still reachable.
 */
export function assertWebAuthConfig(env: Env): void {
  const problems: string[] = [];
  const weakness = env.NEXTAUTH_SECRET === undefined ? null : secretWeakness(env.NEXTAUTH_SECRET);
  if (weakness) problems.push(`NEXTAUTH_SECRET: ${weakness}; ${MAKE_SECRET_HINT}`);
  if (env.OIDC_ISSUER) {
    const oidc = parseOidcPolicy(env);
    if ("problems" in oidc) problems.push(...oidc.problems);
  }
  if (!env.demoMode) {
    if (!env.NEXTAUTH_SECRET) problems.push(`NEXTAUTH_SECRET: required outside demo mode; ${MAKE_SECRET_HINT}`);
    if (!env.AUTH_USERS_FILE && !env.OIDC_ISSUER) problems.push("AUTH_USERS_FILE or OIDC_ISSUER: a user source is required outside demo mode");
  }
  if (problems.length > 0) throw new EnvError(problems);
}

let cached: Env | undefined;

/** The process's configuration, parsed on first use. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env, { simulatorTimeZone: readSimulatorTimeZone });
  return cached;
}

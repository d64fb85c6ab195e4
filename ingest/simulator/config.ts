import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { distributionSchema } from "./distributions";
import { DEFAULT_SIMULATOR_CONFIG_PATH } from "@/lib/config/simulator-file";

/**
 * The simulator's configuration. config/simulator.json holds the defaults and is
 * the only place they live: the schema has no defaults of its own, so what you
 * read in the JSON is what runs. All durations are seconds; hours are local
 * hours of `timeZone` as decimals (8.5 = 08:30).
 */

const name = z.string().min(1).max(64);
const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, "use letters, digits and _ . : - only");
const probability = z.number().min(0).max(1);
const hourlyWeights = z.array(z.number().nonnegative()).length(24).describe("24 weights, one per local hour 0..23; 1 = the queue's peak rate");

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const queueSchema = z.strictObject({
  id,
  name,
  skill: id.describe("agents need this skill to take the queue's calls"),
  ddi: z.string().min(3).max(32).describe("the dialled number that reaches this queue"),
  peakCallsPerHour: z.number().nonnegative().describe("arrival rate when the profile weight is 1"),
  priority: z.number().int().min(0).max(100).describe("like Asterisk's queue weight: a freed agent serves higher-priority queues first; equal = longest wait"),
  slThresholdSeconds: z.number().positive(),
  shortAbandonSeconds: z.number().nonnegative(),
  maxWaitSeconds: z.number().positive().describe("callers still waiting then leave to voicemail (timeout)"),
  transferTargets: z.array(id).max(16).describe("queues an agent of this queue may transfer to"),
  talk: distributionSchema.optional().describe("talk time for this queue, overriding distributions.talk"),
});

const shiftSchema = z
  .strictObject({
    start: z.number().min(0).lt(24),
    end: z.number().positive().max(48).describe("may exceed 24 for a shift that runs past midnight"),
    count: z.number().int().nonnegative().describe("agents working this shift on weekdays"),
    weekendCount: z.number().int().nonnegative().describe("how many of them also work Saturday and Sunday"),
  })
  .refine((s) => s.end > s.start && s.end - s.start <= 24, { message: "end must be after start, at most 24 h later", path: ["end"] })
  .refine((s) => s.weekendCount <= s.count, { message: "weekendCount cannot exceed count", path: ["weekendCount"] });

const teamSchema = z.strictObject({
  id,
  name,
  skills: z.array(id).min(1).max(32),
  shifts: z.array(shiftSchema).min(1).max(16),
});

const scheduledBreakSchema = z.strictObject({
  reasonCode: id,
  afterHours: z.number().nonnegative().describe("hours after the nominal shift start"),
  jitterMinutes: z.number().nonnegative().describe("taken up to this many minutes earlier or later"),
  duration: distributionSchema,
});

const adHocSchema = z.strictObject({
  reasonCode: id,
  probabilityPerShift: probability,
  duration: distributionSchema,
});

export const simulatorConfigSchema = z
  .strictObject({
    tenantId: id,
    source: z.string().min(1).max(256),
    timeZone: z
      .string()
      .refine(isTimeZone, { message: "not an IANA time zone known to this Node (e.g. Europe/London, UTC)" })
      .describe("IANA zone for shifts and the arrival profile; DST is followed through Intl"),
    queues: z.array(queueSchema).min(1).max(64),
    arrivalProfile: z.strictObject({ weekday: hourlyWeights, weekend: hourlyWeights }),
    teams: z.array(teamSchema).min(1).max(64),
    logonJitterSeconds: z.number().nonnegative().describe("agents log on up to this much before or after shift start"),
    notReadyReasons: z
      .array(z.strictObject({ code: id, label: name }))
      .min(1)
      .max(64),
    breaks: z.strictObject({
      scheduled: z.array(scheduledBreakSchema).max(16),
      adHoc: z.array(adHocSchema).max(16),
    }),
    distributions: z.strictObject({
      ivr: distributionSchema.describe("greeting/menu time between offered and queued"),
      ring: distributionSchema.describe("time an agent takes to answer a ringing call"),
      talk: distributionSchema.describe("conversation time, excluding hold"),
      hold: distributionSchema,
      consult: distributionSchema.describe("consultation (caller on hold) before an attended transfer"),
      acw: distributionSchema,
      patience: distributionSchema.describe("how long a caller waits in queue before hanging up"),
      voicemail: distributionSchema.describe("time a timed-out caller spends leaving a message"),
      ringNoAnswerPause: distributionSchema.describe("auto-pause after an agent misses a ring"),
    }),
    ringTimeoutSeconds: z.number().positive().describe("ring time after which the PBX tries another agent"),
    probabilities: z.strictObject({
      hold: probability.describe("a call has at least one hold"),
      additionalHold: probability.describe("after each hold, chance of another"),
      transfer: probability,
      blindTransfer: probability.describe("share of transfers that are blind (the rest attended)"),
      ringNoAnswer: probability.describe("per ring attempt"),
      callerReleases: probability.describe("share of calls the caller ends (the rest the agent)"),
    }),
    maxTransfersPerCall: z.number().int().nonnegative(),
    behaviours: z.strictObject({
      breaks: z.boolean(),
      acw: z.boolean(),
      transfers: z.boolean(),
      holds: z.boolean(),
      abandons: z.boolean(),
      ringNoAnswer: z.boolean(),
      timeouts: z.boolean(),
      /** Answered legs are recorded (recording.* events) and their transcript emitted (transcript.segment). */
      recordings: z.boolean(),
    }),
  })
  .superRefine((c, ctx) => {
    const queueIds = new Set<string>();
    c.queues.forEach((q, i) => {
      if (queueIds.has(q.id)) ctx.addIssue({ code: "custom", path: ["queues", i, "id"], message: `duplicate queue id "${q.id}"` });
      queueIds.add(q.id);
    });
    c.queues.forEach((q, i) =>
      q.transferTargets.forEach((t, j) => {
        if (!queueIds.has(t) || t === q.id) ctx.addIssue({ code: "custom", path: ["queues", i, "transferTargets", j], message: `"${t}" is not another queue's id` });
      }),
    );
    const queueSkills = new Set(c.queues.map((q) => q.skill));
    const staffedSkills = new Set<string>();
    const teamIds = new Set<string>();
    c.teams.forEach((t, i) => {
      if (teamIds.has(t.id)) ctx.addIssue({ code: "custom", path: ["teams", i, "id"], message: `duplicate team id "${t.id}"` });
      teamIds.add(t.id);
      t.skills.forEach((s, j) => {
        if (!queueSkills.has(s)) ctx.addIssue({ code: "custom", path: ["teams", i, "skills", j], message: `no queue uses skill "${s}"` });
      });
      if (t.shifts.some((s) => s.count > 0)) t.skills.forEach((s) => staffedSkills.add(s));
    });
    // A queue nobody can answer only ever abandons or times out: a config mistake, not a scenario.
    c.queues.forEach((q, i) => {
      if (!staffedSkills.has(q.skill)) ctx.addIssue({ code: "custom", path: ["queues", i, "skill"], message: `no team with agents has skill "${q.skill}"` });
    });
    const reasons = new Set(c.notReadyReasons.map((r) => r.code));
    const checkReason = (code: string, p: (string | number)[]) => {
      if (!reasons.has(code)) ctx.addIssue({ code: "custom", path: p, message: `"${code}" is not in notReadyReasons` });
    };
    c.breaks.scheduled.forEach((b, i) => checkReason(b.reasonCode, ["breaks", "scheduled", i, "reasonCode"]));
    c.breaks.adHoc.forEach((b, i) => checkReason(b.reasonCode, ["breaks", "adHoc", i, "reasonCode"]));
  });

export type SimulatorConfig = z.infer<typeof simulatorConfigSchema>;
export type QueueConfig = SimulatorConfig["queues"][number];
export type TeamConfig = SimulatorConfig["teams"][number];
export type Behaviours = SimulatorConfig["behaviours"];

export { DEFAULT_SIMULATOR_CONFIG_PATH };

export class SimulatorConfigError extends Error {
  override readonly name = "SimulatorConfigError";
}

/** Validates an already-parsed config object; the error lists every bad field by its path. */
export function parseSimulatorConfig(value: unknown, origin = "simulator config"): SimulatorConfig {
  const result = simulatorConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`);
  throw new SimulatorConfigError(`Invalid ${origin}:\n${lines.join("\n")}`);
}

/**
 * Reads and validates the simulator config. A relative path is resolved against
 * the working directory, which is the repository root for `npm start` and tests.
 */
export function loadSimulatorConfig(file: string = DEFAULT_SIMULATOR_CONFIG_PATH): SimulatorConfig {
  const full = path.resolve(process.cwd(), file);
  let text: string;
  try {
    text = readFileSync(full, "utf8");
  } catch (e) {
    throw new SimulatorConfigError(`Cannot read simulator config ${full}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SimulatorConfigError(`Simulator config ${full} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseSimulatorConfig(json, `simulator config ${full}`);
}

import { z } from "zod";
import { lognormalParams, type Rng } from "./random";

/**
 * Duration distributions as written in the config, all in SECONDS (people think
 * of talk and hold times in seconds; the engine works in integer milliseconds).
 * `uniform` and `mixture` go beyond the three basic kinds because caller patience
 * is bimodal (a few hang up at once, most wait minutes) and Asterisk's
 * auto-pause after a missed ring is a bounded range.
 */
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

const exponential = z.strictObject({ kind: z.literal("exponential"), mean: positive });
const lognormal = z.strictObject({ kind: z.literal("lognormal"), mean: positive, sd: positive });
const fixed = z.strictObject({ kind: z.literal("fixed"), value: nonNegative });
const uniform = z
  .strictObject({ kind: z.literal("uniform"), min: nonNegative, max: nonNegative })
  .refine((d) => d.min <= d.max, { message: "min must not exceed max", path: ["max"] });

export const baseDistributionSchema = z.discriminatedUnion("kind", [exponential, lognormal, fixed, uniform]);

const mixture = z.strictObject({
  kind: z.literal("mixture"),
  components: z
    .array(z.strictObject({ weight: positive, dist: baseDistributionSchema }))
    .min(1)
    .max(16),
});

export const distributionSchema = z.discriminatedUnion("kind", [exponential, lognormal, fixed, uniform, mixture]);

export type BaseDistribution = z.infer<typeof baseDistributionSchema>;
export type Distribution = z.infer<typeof distributionSchema>;

/** Draws one duration in integer milliseconds (integers keep event times and durations exactly consistent). */
export type MsSampler = (rng: Rng) => number;

/** Turns a config distribution into a sampler once, so per-draw work is just arithmetic. */
export function compileDistribution(d: Distribution): MsSampler {
  if (d.kind !== "mixture") {
    const seconds = compileBase(d);
    return (rng) => Math.max(0, Math.round(seconds(rng) * 1000));
  }
  const total = d.components.reduce((s, c) => s + c.weight, 0);
  let acc = 0;
  const parts = d.components.map((c) => {
    acc += c.weight / total;
    return { upTo: acc, sample: compileBase(c.dist) };
  });
  return (rng) => {
    const u = rng.next();
    const part = parts.find((p) => u < p.upTo) ?? parts[parts.length - 1];
    return part ? Math.max(0, Math.round(part.sample(rng) * 1000)) : 0;
  };
}

function compileBase(d: BaseDistribution): (rng: Rng) => number {
  switch (d.kind) {
    case "exponential":
      return (rng) => rng.exponential(d.mean);
    case "lognormal": {
      const { mu, sigma } = lognormalParams(d.mean, d.sd);
      return (rng) => rng.lognormal(mu, sigma);
    }
    case "fixed":
      return () => d.value;
    case "uniform":
      return (rng) => rng.uniform(d.min, d.max);
  }
}

/** Mean in seconds, for staffing sanity checks and reports. */
export function distributionMean(d: Distribution): number {
  switch (d.kind) {
    case "exponential":
    case "lognormal":
      return d.mean;
    case "fixed":
      return d.value;
    case "uniform":
      return (d.min + d.max) / 2;
    case "mixture": {
      const total = d.components.reduce((s, c) => s + c.weight, 0);
      return d.components.reduce((s, c) => s + (c.weight / total) * distributionMean(c.dist), 0);
    }
  }
}

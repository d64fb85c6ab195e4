import { hashSeed, type Rng } from "@/lib/random/rng";

/**
 * A speaker as heard: one of the bank's voices played at a speed. The mixer resamples
 * each phrase by `speed` (about 0.92 to 1.08), which moves pitch and tempo together, so two
 * voices in the bank sound like several people without storing more audio.
 */
export interface Persona {
  readonly voice: string;
  readonly speed: number;
}

export const SPEEDS = [0.93, 0.96, 1, 1.04, 1.07] as const;

/** The agent sounds the same on every call: the persona is a function of the agent id alone. */
export function agentPersona(agentId: string, voices: readonly string[]): Persona {
  const h = hashSeed("agent-voice", agentId);
  return { voice: voices[h % voices.length] as string, speed: SPEEDS[Math.floor(h / voices.length) % SPEEDS.length] as number };
}

/** A caller is new on every call; mostly the other voice, and never the agent's exact persona. */
export function callerPersona(rng: Rng, agent: Persona, voices: readonly string[]): Persona {
  const others = voices.filter((v) => v !== agent.voice);
  const voice = others.length > 0 && rng.chance(0.75) ? rng.pick(others) : agent.voice;
  const speeds = voice === agent.voice ? SPEEDS.filter((s) => Math.abs(s - agent.speed) >= 0.06) : SPEEDS;
  return { voice, speed: rng.pick(speeds) };
}

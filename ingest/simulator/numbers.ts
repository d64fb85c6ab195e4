import type { Rng } from "./random";

/**
 * Caller numbers from Ofcom's ranges reserved for drama (never assigned to a
 * subscriber), so demo data looks real without being anyone's number. About
 * 15,000 distinct numbers: repeat callers happen, as they do in real centres.
 */
const PREFIXES: readonly string[] = [
  "+447700900", // mobile
  "+447700900",
  "+447700900",
  "+442079460", // London
  "+442079460",
  "+441134960", // Leeds
  "+441144960", // Sheffield
  "+441154960", // Nottingham
  "+441164960", // Leicester
  "+441174960", // Bristol
  "+441214960", // Birmingham
  "+441314960", // Edinburgh
  "+441414960", // Glasgow
  "+441514960", // Liverpool
  "+441614960", // Manchester
  "+442920180", // Cardiff
  "+441632960", // fictitious area code
];

export function callerNumber(rng: Rng): string {
  return rng.pick(PREFIXES) + String(rng.int(1000)).padStart(3, "0");
}

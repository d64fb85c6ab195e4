/** A duration in words for messages and logs: "300 s", "6.5 min", "3.5 h", "26,691 days" (one decimal). */
export function spellDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, "days"],
    [3_600_000, "h"],
    [60_000, "min"],
    [1_000, "s"],
  ];
  for (const [size, name] of units) {
    if (Math.abs(ms) >= size) return `${(Math.round((ms / size) * 10) / 10).toLocaleString("en")} ${name}`;
  }
  return `${ms} ms`;
}

/** The simulator names a leg's recording after the leg (one recording per answered agent leg). */
export function simulatedRecordingId(legId: string): string {
  return `rec-${legId}`;
}

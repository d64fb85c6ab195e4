/**
 * What a recording file's name says, per platform:
 *
 * - Asterisk MixMonitor: `<uniqueid>.wav` (uniqueid: `1733570000.42`),
 *   `<linkedid>-<anything>.wav` (a dialplan naming files by the call's linkedid), or
 *   the id as any `-`-separated part: FreePBX names queue recordings
 *   `q-<queue>-<caller>-<YYYYMMDD>-<HHMMSS>-<uniqueid>.wav` (`in-`, `out-`, `exten-`
 *   for other calls), in `YYYY/MM/DD/` folders; the first part shaped like a
 *   uniqueid is taken (dates and times carry no dot, so are never mistaken for one);
 *   separate legs written with MixMonitor's r()/t() options end in `-r`/`-t`
 *   (also `-in`/`-out`): r is what the channel received, t what it sent.
 * - Asterisk MixMonitor's D option (the two directions interleaved as one stereo
 *   stream) writes headerless signed linear, and Asterisk's documentation says it
 *   must be named `.raw` (a `.wav` gets a mono header over stereo data): `.raw`,
 *   `.sln` and `.slin` files are read as that (`container: "raw"`).
 * - FreeSWITCH record_session: `<channel uuid>.wav`, possibly with a suffix.
 *
 * The id is then matched against the ids the call's events carry in `raw`.
 */
export type Platform = "asterisk" | "freeswitch";

export type RecordingFile = { platformId: string; part: "both" | "r" | "t"; container: "wav" | "raw" };

const ASTERISK_ID = /^\d{6,}\.\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const LEG = /^(.*)-(r|t|in|out)$/i;

export function parseRecordingFileName(fileName: string, platform: Platform): RecordingFile | null {
  const m = /^(.*)\.(wav|raw|sln|slin)$/i.exec(fileName);
  if (!m) return null;
  const container = (m[2] as string).toLowerCase() === "wav" ? "wav" : "raw";
  if (container === "raw" && platform !== "asterisk") return null;
  let base = m[1] as string;
  let part: RecordingFile["part"] = "both";
  const leg = LEG.exec(base);
  if (leg) {
    base = leg[1] as string;
    const which = (leg[2] as string).toLowerCase();
    part = which === "r" || which === "in" ? "r" : "t";
  }
  if (platform === "freeswitch") {
    const uuid = UUID.exec(base);
    return uuid ? { platformId: uuid[0].toLowerCase(), part, container } : null;
  }
  const id = ASTERISK_ID.test(base) ? base : base.split("-").find((p) => ASTERISK_ID.test(p));
  return id ? { platformId: id, part, container } : null;
}

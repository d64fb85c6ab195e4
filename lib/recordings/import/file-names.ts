/**
 * What a recording file's name says, per platform:
 *
 * - Asterisk MixMonitor: `<uniqueid>.wav` (uniqueid: `1733570000.42`), or
 *   `<linkedid>-<anything>.wav` (a dialplan naming files by the call's linkedid);
 *   separate legs written with MixMonitor's r()/t() options end in `-r`/`-t`
 *   (also `-in`/`-out`): r is what the channel received, t what it sent.
 * - FreeSWITCH record_session: `<channel uuid>.wav`, possibly with a suffix.
 *
 * The id is then matched against the ids the call's events carry in `raw`.
 */
export type Platform = "asterisk" | "freeswitch";

export type RecordingFile = { platformId: string; part: "both" | "r" | "t" };

const ASTERISK_ID = /^\d{6,}\.\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const LEG = /^(.*)-(r|t|in|out)$/i;

export function parseRecordingFileName(fileName: string, platform: Platform): RecordingFile | null {
  const m = /^(.*)\.wav$/i.exec(fileName);
  if (!m) return null;
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
    return uuid ? { platformId: uuid[0].toLowerCase(), part } : null;
  }
  if (ASTERISK_ID.test(base)) return { platformId: base, part };
  const first = base.split("-")[0] ?? "";
  return ASTERISK_ID.test(first) ? { platformId: first, part } : null;
}

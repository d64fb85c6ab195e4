import { requirePageUser } from "@/lib/auth/session";
import { ReplayBoard } from "@/components/wallboard/replay-board";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The floor at a past moment: /wallboard/replay?at=<epoch ms>. */
export default async function WallboardReplayPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).at;
  const at = typeof raw === "string" && /^\d{1,16}$/.test(raw) ? Number(raw) : null;
  await requirePageUser("wallboard", at === null ? "/wallboard/replay" : `/wallboard/replay?at=${at}`);
  return <ReplayBoard at={at} />;
}

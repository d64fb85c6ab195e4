import { getEnv } from "@/lib/env";
import { closeClickHouse, getClickHouse } from "@/lib/store/client";
import { migrate } from "@/sql/migrate";
import { runCli } from "@/scripts/run-cli";

runCli(async () => {
  const env = getEnv();
  const report = await migrate(await getClickHouse(env));
  console.log(
    report.applied.length === 0
      ? `schema up to date (${report.alreadyApplied} migrations applied earlier)`
      : `applied ${report.applied.length} migration(s): ${report.applied.join(", ")}`,
  );
  await closeClickHouse();
});

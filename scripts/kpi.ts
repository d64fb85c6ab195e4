import { getEnv } from "../lib/env";
import { getQueueKpis, type QueueKpis } from "../lib/kpi";
import { parseKpiArgs } from "../lib/kpi-report/args";
import { kpiReportJson, kpiReportText } from "../lib/kpi-report/report";
import { callOperatorSocket } from "../lib/runtime/operator-socket-client";
import { runCli } from "./run-cli";
import { reachStore } from "./store-access";

/**
 * npm run kpi -- --from YYYY-MM-DD --to YYYY-MM-DD [--queue Q]... [--tz ZONE] [--json]
 *
 * Every KPI per queue over whole local days, computed by the dashboards' own query
 * (getQueueKpis, the Queues page's and /api/kpi/queues's), for cron reports and for
 * checking numbers by hand. Beside a server holding the embedded store it asks that
 * server (scripts/store-access.ts). Bad arguments: a sentence and exit code 2.
 */
runCli(async () => {
  const defaultTz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const args = parseKpiArgs(process.argv.slice(2), defaultTz);
  const env = getEnv();
  const input = { tenantId: env.TENANT_ID, from: args.range.from, to: args.range.to, queueIds: args.queueIds };
  const store = await reachStore(env, { migrate: false });
  let queues: QueueKpis[];
  if (store.via === "server") queues = ((await callOperatorSocket(store.dataDir, "/kpi/queues", input)) as { queues: QueueKpis[] }).queues;
  else {
    try {
      queues = await getQueueKpis(store.ch, input);
    } finally {
      await store.close();
    }
  }
  process.stdout.write(args.json ? kpiReportJson(queues, args) : kpiReportText(queues, args));
});

import fs from "node:fs";
import path from "node:path";
import { ctiEventJsonSchema } from "../lib/events/json-schema";
import { renderEventsDoc } from "../lib/events/doc";
import { renderKpiDoc } from "../lib/kpi/doc";
import { runCli } from "./run-cli";

/** npm run schema: writes docs/cti-event.schema.json, docs/events.md and docs/kpis.md from the code that defines them. */
runCli(async () => {
  const schemaPath = path.join("docs", "cti-event.schema.json");
  fs.writeFileSync(schemaPath, `${JSON.stringify(ctiEventJsonSchema(), null, 2)}\n`);
  const docPath = path.join("docs", "events.md");
  fs.writeFileSync(docPath, renderEventsDoc());
  const kpiPath = path.join("docs", "kpis.md");
  fs.writeFileSync(kpiPath, renderKpiDoc());
  console.log(`wrote ${schemaPath}, ${docPath} and ${kpiPath}`);
});

import { CONVENTIONS, KPI_DEFINITIONS, KPI_IDS, SL_VARIANTS, SL_VARIANT_DEFINITIONS } from "./definitions";

/** docs/kpis.md, written from the same definitions the "explain" panels show. */
export function renderKpiDoc(): string {
  const lines = [
    "# KPI definitions",
    "",
    "<!-- Written by `npm run schema` from lib/kpi/definitions.ts; edit that file, not this one. -->",
    "",
    "Contact-centre vendors disagree on denominators, so every number in the product names its",
    "definition and version, and can list the contacts behind its numerator and denominator.",
    "",
    "## Conventions",
    "",
    ...Object.values(CONVENTIONS).map((c) => `- ${c}`),
    "",
    "## KPIs",
    "",
    "| id | label | unit | version | formula |",
    "|---|---|---|---|---|",
    ...KPI_IDS.map((id) => {
      const d = KPI_DEFINITIONS[id];
      return `| \`${id}\` | ${d.label} | ${d.unit} | ${d.version} | ${d.formula.replace(/\|/g, "\\|")} |`;
    }),
    "",
    "## Service-level variants",
    "",
    "Chosen per queue by an admin (`queues.sl_variant`); an aggregate over several queues uses the variant selected for the view.",
    "",
    "| variant | formula |",
    "|---|---|",
    ...SL_VARIANTS.map((v) => `| \`${v}\` | ${SL_VARIANT_DEFINITIONS[v].formula} |`),
    "",
  ];
  return lines.join("\n");
}

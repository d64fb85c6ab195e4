import { handle } from "@/lib/api/handle";
import { exportTable } from "@/lib/api/endpoints/export";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(exportTable);

import { handle } from "@/lib/api/handle";
import { auditLog } from "@/lib/api/endpoints/audit";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(auditLog);

import { handle } from "@/lib/api/handle";
import { contacts } from "@/lib/api/endpoints/contacts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(contacts);

import { handle } from "@/lib/api/handle";
import { qaCalibrations, createQaCalibration } from "@/lib/api/endpoints/qa-work";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(qaCalibrations);
export const POST = handle(createQaCalibration);

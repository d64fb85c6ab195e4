import { handle } from "@/lib/api/handle";
import { users, createUserEndpoint } from "@/lib/api/endpoints/users";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = handle(users);
export const POST = handle(createUserEndpoint);

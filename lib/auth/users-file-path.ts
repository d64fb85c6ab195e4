import type { Env } from "../env";
import { demoUsersPath } from "./demo-users";

/** Where password users live: AUTH_USERS_FILE, or in demo mode the demo users in DATA_DIR. */
export function usersFilePath(env: Env): string | undefined {
  return env.AUTH_USERS_FILE ?? (env.demoMode ? demoUsersPath(env.DATA_DIR) : undefined);
}

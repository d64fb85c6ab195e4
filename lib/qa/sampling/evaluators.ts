import { can } from "@/lib/auth/roles";
import { readUsersFile } from "@/lib/auth/users-file";

/**
 * Who may be given calls to evaluate: the enabled users whose role may evaluate,
 * from the users file. Without a users file (single sign-on only) users are not
 * known in advance: null, and sampling takes the ids it is given.
 */
export type Evaluator = { id: string; name: string; role: string };

export function listEvaluators(usersFile: string | undefined): Evaluator[] | null {
  if (!usersFile) return null;
  return readUsersFile(usersFile)
    .filter((u) => !u.disabled && can(u.role, "evaluate"))
    .map((u) => ({ id: u.username, name: u.name, role: u.role }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The centre's queues and agents as a platform knows them, so dashboards show
 * "Support" and "Olivia Smith" rather than ids. Thresholds are optional: a platform
 * that has none leaves the store's defaults (20 s service level, 5 s short abandon).
 */
export type DirectoryQueue = { id: string; name: string; slThresholdSeconds?: number; shortAbandonSeconds?: number };
export type DirectoryAgent = { id: string; name: string; teamId: string };
export type DirectoryTeam = { id: string; name: string };
/** `teams` is optional: a platform without team names leaves teams shown by id. */
export type Directory = { queues: readonly DirectoryQueue[]; agents: readonly DirectoryAgent[]; teams?: readonly DirectoryTeam[] };

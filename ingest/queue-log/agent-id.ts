/**
 * The default agent id for a queue_log agent field.
 *
 * Asterisk writes the member's interface ("PJSIP/1001", "SIP/1001",
 * "Local/1001@agents/n", chan_agent's "Agent/1001") or, with
 * log_membername_as_agent or on call lines, its member name ("Alice Smith").
 * The id is the extension part of an interface, so the same person keeps one id
 * across channel technologies (SIP -> PJSIP migrations) and Local-channel wrapping;
 * anything that is not an interface is kept as written.
 *
 * Caveat: without log_membername_as_agent, Asterisk logs ADDMEMBER/REMOVEMEMBER
 * with the interface but call lines with the member name. If members have names,
 * pass a normaliser that maps both to one id (or turn that option on).
 */
const INTERFACE = /^[A-Za-z][A-Za-z0-9_]*\/([^@/]+)/;

export function defaultAgentId(agent: string): string {
  const m = INTERFACE.exec(agent.trim());
  return m?.[1] ?? agent.trim();
}

export type AgentIdNormaliser = (agent: string) => string;

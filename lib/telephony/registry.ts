import { CommandFailed, type PlatformCommands } from "./commands";
import { NO_CAPABILITIES, type PlatformCapabilities } from "@/lib/telephony/capabilities";

/**
 * The process's platform as route handlers reach it: its name, what it declares and
 * its commands. On globalThis because Next.js loads modules once per bundle, like
 * the live floor (lib/live/registry.ts); set by the web process's composition root.
 */
export type TelephonyHandle = { name: string; capabilities: PlatformCapabilities; commands: PlatformCommands };

const KEY = Symbol.for("cc-supervisor.telephony");
type Holder = { [KEY]?: TelephonyHandle };

export function setTelephony(handle: TelephonyHandle | undefined): void {
  (globalThis as Holder)[KEY] = handle;
}

export function getTelephony(): TelephonyHandle {
  return (globalThis as Holder)[KEY] ?? { name: "none", capabilities: NO_CAPABILITIES, commands: {} };
}

/** A command the platform in use has, or `unsupported` saying which platform lacks it. */
export function requireCommand<K extends keyof PlatformCommands>(name: K): NonNullable<PlatformCommands[K]> {
  const t = getTelephony();
  const command = t.commands[name];
  if (!command) throw new CommandFailed("unsupported", `the telephony platform in use (${t.name}) cannot ${DESCRIPTIONS[name]}`);
  return command;
}

const DESCRIPTIONS: Record<keyof PlatformCommands, string> = {
  setAgentState: "set an agent's state",
  startMonitor: "monitor calls",
  originateCallback: "place callbacks",
  fetchRecordings: "hand over recordings",
};

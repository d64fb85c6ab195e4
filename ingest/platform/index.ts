/**
 * The web process's door to the telephony platforms: the adapter interface, the
 * registry that picks one from TELEPHONY, and what adapters declare.
 */
export type { PlatformAdapter, PlatformContext, EventSink, DirectorySink, BackfillReporter } from "./adapter";
export { NO_CAPABILITIES, type PlatformCapabilities, type MonitorMode } from "@/lib/telephony/capabilities";
export type { Directory, DirectoryQueue, DirectoryAgent } from "./directory";
export { createPlatformAdapter, type AdapterFactory } from "./registry";

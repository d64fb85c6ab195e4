export { ContactCentreSim, type SimOptions } from "./engine";
export {
  loadSimulatorConfig,
  parseSimulatorConfig,
  simulatorConfigSchema,
  SimulatorConfigError,
  DEFAULT_SIMULATOR_CONFIG_PATH,
  type SimulatorConfig,
  type QueueConfig,
  type TeamConfig,
  type Behaviours,
} from "./config";
export { simulateRange, advanceInChunks, DEFAULT_CHUNK_MS } from "./simulate-range";
export { catchUp, type CatchUpOptions } from "./catch-up";
export { resumeFrom, runSeed } from "./resume";
export { startLiveSimulator, type LiveSimulator, type LiveSimulatorOptions } from "./live";
export { SimulatedPbx, type SimulatedPbxOptions } from "./pbx";
export { simulatedPbxFromEnv } from "./from-env";
export { simulatorDirectory } from "./directory";
export { buildRoster, type RosterAgent } from "./roster";
export { RING_NO_ANSWER_REASON } from "./agents";

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
export { startLiveSimulator, type LiveSimulator, type LiveSimulatorOptions } from "./live";
export { SimulatedPbx, type SimulatedPbxOptions } from "./pbx";
export { buildRoster, type RosterAgent } from "./roster";
export { RING_NO_ANSWER_REASON } from "./agents";

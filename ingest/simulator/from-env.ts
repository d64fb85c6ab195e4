import type { Env } from "@/lib/env";
import { loadSimulatorConfig } from "./config";
import { SimulatedPbx } from "./pbx";

const DAY_MS = 86_400_000;

/**
 * TELEPHONY=simulator: the centre of SIM_CONFIG for this tenant, filling SIM_BACKFILL_DAYS, INGEST_BATCH_SIZE
 * events per insert, calls recorded (with their transcript) for the last SIM_RECORDING_DAYS of that history.
 */
export function simulatedPbxFromEnv(env: Env): SimulatedPbx {
  return new SimulatedPbx({
    config: { ...loadSimulatorConfig(env.SIM_CONFIG), tenantId: env.TENANT_ID },
    seed: env.SIM_SEED,
    backfillMs: env.SIM_BACKFILL_DAYS * DAY_MS,
    recordingHistoryMs: env.SIM_RECORDING_DAYS * DAY_MS,
    batchSize: env.INGEST_BATCH_SIZE,
  });
}

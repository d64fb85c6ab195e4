import type { Env, TelephonyPlatform } from "@/lib/env";
import { asteriskFromEnv } from "../asterisk/from-env";
import { freeswitchFromEnv } from "../freeswitch/from-env";
import { simulatedPbxFromEnv } from "../simulator/from-env";
import type { PlatformAdapter } from "./adapter";

export type AdapterFactory = (env: Env) => PlatformAdapter;

/**
 * One factory per TELEPHONY value. A new platform (asterisk, freeswitch) is one entry
 * here, its name in lib/env.ts's TELEPHONY_PLATFORMS, and its adapter in its own
 * folder under ingest/; the type makes a name without a factory a compile error.
 */
const FACTORIES: { readonly [K in TelephonyPlatform]: AdapterFactory } = {
  simulator: simulatedPbxFromEnv,
  asterisk: asteriskFromEnv,
  freeswitch: freeswitchFromEnv,
};

/** The adapter TELEPHONY names, not yet started; undefined for none. */
export function createPlatformAdapter(env: Env): PlatformAdapter | undefined {
  return env.telephony === "none" ? undefined : FACTORIES[env.telephony](env);
}

import { agentStateContract } from "../../contract/agent-state-contract";
import { callbackContract } from "../../contract/callback-contract";
import type { ContractHarness } from "../../contract/harness";
import { monitorContract } from "../../contract/monitor-contract";
import { startFakeLab } from "../../fakes/asterisk/fake-lab";

/**
 * The Asterisk adapter held to the platform contract against the fake Asterisk (ARI, its
 * event and media WebSockets, AMI, and a queue_log the real importer reads), on the fake's
 * clock. In the integration project because it uses loopback sockets. The fake's phones
 * (defaultPhone) answer, are busy or ring out by the number's last digit; the supervisor's
 * desk phone is PJSIP/2001, which the adapter's default ASTERISK_SUPERVISOR_ENDPOINT rings.
 */
async function fakeAsterisk(): Promise<ContractHarness> {
  const lab = await startFakeLab();
  return { adapter: lab.adapter, events: lab.events, pass: lab.pass, stop: lab.stop };
}

agentStateContract("Asterisk adapter on the fake Asterisk", fakeAsterisk);
monitorContract("Asterisk adapter on the fake Asterisk", fakeAsterisk);
callbackContract("Asterisk adapter on the fake Asterisk", fakeAsterisk);

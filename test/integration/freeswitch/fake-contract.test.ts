import { agentStateContract } from "../../contract/agent-state-contract";
import { callbackContract } from "../../contract/callback-contract";
import type { ContractHarness } from "../../contract/harness";
import { monitorContract } from "../../contract/monitor-contract";
import { startFakeLab, SUPERVISOR_PHONE } from "../../fakes/freeswitch-esl/fake-lab";

/**
 * The FreeSWITCH adapter held to the platform contract against the fake event socket and
 * its mod_callcenter floor, on the fake's clock. In the integration project because it uses
 * loopback sockets. The supervisor's phone is the fake's registered extension.
 */
async function fakeFreeswitch(): Promise<ContractHarness> {
  const lab = await startFakeLab({ supervisorDialString: `user/${SUPERVISOR_PHONE}` });
  return { adapter: lab.adapter, events: lab.events, pass: lab.pass, stop: lab.stop };
}

agentStateContract("FreeSWITCH adapter on the fake event socket", fakeFreeswitch);
monitorContract("FreeSWITCH adapter on the fake event socket", fakeFreeswitch);
callbackContract("FreeSWITCH adapter on the fake event socket", fakeFreeswitch);

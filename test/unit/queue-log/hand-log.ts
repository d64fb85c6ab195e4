/**
 * A queue_log written by hand, and its KPIs worked out by hand (below), shared by
 * the mapper test and the store test.
 *
 * 2026-01-05 from 09:00:00 UTC (epoch 1767603600 = "+0"). Queues: sales (wrapuptime
 * 10 s, passed to the importer as wrapUpSeconds) and support (no wrap-up). Agents:
 * 1001 = PJSIP/1001 (sales + support), 1002 = PJSIP/1002 (sales),
 * 1003 = Local/1003@agents/n (support). Default thresholds: SL 20 s, short abandon 5 s.
 *
 * Story, by call (waits are the CONNECT/ABANDON/EXIT figures):
 *   c1 sales    +10 queued, +22 answered by 1001 (wait 12 s), caller hangs up +142 (talk 120)
 *   c2 sales    +30 queued, rings 1002 for 15 s with no answer (+45), 1002 answers +60
 *               (wait 30 s, ring 5), 1002 hangs up +240 (talk 180)
 *   c3 support  +70 queued, abandons +73 (wait 3 s: a short abandon)
 *   c4 support  +100 queued, +105 answered by 1003 (wait 5), blind transfer to sales +165
 *               (talk 60); sales leg +166 queued, +190 answered by 1001 (wait 24), on hold
 *               +220..+250 (30 s), 1001 hangs up +310 (talk 120 incl. the hold)
 *   c5 support  +200 queued, abandons +245 (wait 45 s)
 *   c6 support  +255 queued, times out +305 (wait 50 s)
 *   c7 support  +410 queued, +418 answered by 1003 (wait 8), caller hangs up +478 (talk 60)
 *   1003 pauses for lunch +170, unpauses +400. Everyone logs on at +0 and off at +600.
 *
 * Contacts (legs) and KPIs, period [+0, +3600 s):
 *   sales:   c1.1 answered wait 12 talk 120 hold 0  ACW 10 (1001)
 *            c2.1 answered wait 30 talk 180 hold 0  ACW 10 (1002)
 *            c4.2 answered wait 24 talk 120 hold 30 ACW 10 (1001) -> pure talk 90
 *            offered 3, answered 3, within 20 s: 1 (c1) -> SL 1/3
 *            ASA (12+30+24)/3 = 22 s; AHT (120+180+90 talk + 30 hold + 30 ACW)/3 = 150 s
 *   support: c3.1 abandon wait 3 (short, and within 20 s)
 *            c4.1 answered wait 5 talk 60, transferred (1003)
 *            c5.1 abandon wait 45
 *            c6.1 timeout wait 50
 *            c7.1 answered wait 8 talk 60 (1003)
 *            offered 5, answered 2 (both within) -> SL 2/2 = 1; abandoned 2, short 1,
 *            timed out 1; ASA (5+8)/2 = 6.5 s; AHT (60+60)/2 = 60 s; longest wait 50 s
 *   total:   offered 8, answered 5, answered within 3 -> SL 3/5 = 0.6; abandoned 2 (1 short);
 *            ASA (66+13)/5 = 15.8 s; waits sum 66+111 = 177 s; AHT (510 talk + 30 hold +
 *            30 ACW)/5 = 114 s; 1 transferred of 5 handled
 *
 * Agent states (each interval ends with the event that names it in data.previous):
 *   1001 ready 0-22, busy 22-142, ACW 142-152, ready 152-190, busy 190-310, ACW 310-320,
 *        ready 320-600 -> ready 22+38+280 = 340 s, busy 240, ACW 20
 *   1002 ready 0-60 (the unanswered ring changes no state), busy 60-240, ACW 240-250,
 *        ready 250-600 -> ready 60+350 = 410 s, busy 180, ACW 10
 *   1003 ready 0-105, busy 105-165, ready 165-170, not ready (lunch) 170-400, ready 400-418,
 *        busy 418-478, ready 478-600 -> ready 105+5+18+122 = 250 s, busy 120, not ready 230
 *   total ready 1000 s, busy 540, ACW 30 -> occupancy (540+30)/(540+30+1000) = 570/1570
 *   per agent AHT: 1001 (120+90 talk + 30 hold + 20 ACW)/2 = 130 s; 1002 (180+10)/1 = 190 s;
 *   1003 (60+60)/2 = 60 s, transfer rate 1/2
 */

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
export const S = 1000;
export const SOURCE = "asterisk://pbx1";
export const WRAP_UP_SECONDS = { sales: 10 };

export const HAND_LOG = `# pbx1 queue_log, 2026-01-05 09:00 UTC onwards
1767603600|NONE|NONE|NONE|QUEUESTART|
1767603600|NONE|sales|PJSIP/1001|ADDMEMBER|
1767603600|NONE|support|PJSIP/1001|ADDMEMBER|
1767603600|NONE|sales|PJSIP/1002|ADDMEMBER|
1767603600|NONE|support|Local/1003@agents/n|ADDMEMBER|
1767603610|1767603605.101|sales|NONE|ENTERQUEUE||+441632960001|1
1767603622|1767603605.101|sales|PJSIP/1001|CONNECT|12|1767603619.102|3
1767603630|1767603627.104|sales|NONE|ENTERQUEUE||+441632960002|1
1767603645|1767603627.104|sales|PJSIP/1002|RINGNOANSWER|15000
1767603660|1767603627.104|sales|PJSIP/1002|CONNECT|30|1767603655.105|5
1767603670|1767603668.107|support|NONE|ENTERQUEUE||+441632960003|1
1767603673|1767603668.107|support|NONE|ABANDON|1|1|3
1767603700|1767603697.110|support|NONE|ENTERQUEUE||+441632960004|1
1767603705|1767603697.110|support|Local/1003@agents/n|CONNECT|5|1767603703.111|2
1767603742|1767603605.101|sales|PJSIP/1001|COMPLETECALLER|12|120|1
1767603765|1767603697.110|support|Local/1003@agents/n|BLINDTRANSFER|2000|from-internal|5|60|1
1767603766|1767603697.110|sales|NONE|ENTERQUEUE||+441632960004|1
1767603770|NONE|support|Local/1003@agents/n|PAUSE|lunch
1767603790|1767603697.110|sales|PJSIP/1001|CONNECT|24|1767603786.113|4
1767603800|1767603797.115|support|NONE|ENTERQUEUE||+441632960005|1
1767603820|1767603697.110|sales|PJSIP/1001|HOLD
1767603840|1767603627.104|sales|PJSIP/1002|COMPLETEAGENT|30|180|1
1767603845|1767603797.115|support|NONE|ABANDON|1|1|45
1767603850|1767603697.110|sales|PJSIP/1001|UNHOLD
1767603855|1767603852.118|support|NONE|ENTERQUEUE||+441632960006|1
1767603905|1767603852.118|support|NONE|EXITWITHTIMEOUT|1|1|50
1767603910|1767603697.110|sales|PJSIP/1001|COMPLETEAGENT|24|120|1
1767604000|NONE|support|Local/1003@agents/n|UNPAUSE|
1767604010|1767604006.121|support|NONE|ENTERQUEUE||+441632960007|1
1767604018|1767604006.121|support|Local/1003@agents/n|CONNECT|8|1767604016.122|2
1767604078|1767604006.121|support|Local/1003@agents/n|COMPLETECALLER|8|60|1
1767604200|NONE|support|Local/1003@agents/n|REMOVEMEMBER|
1767604200|NONE|sales|PJSIP/1001|REMOVEMEMBER|
1767604200|NONE|support|PJSIP/1001|REMOVEMEMBER|
1767604200|NONE|sales|PJSIP/1002|REMOVEMEMBER|
`;

/** The hand-computed contact counts (lib/kpi KpiCounts names), ms. */
export const HAND_COUNTS = {
  total: {
    offered: 8,
    inProgress: 0,
    lost: 0,
    answered: 5,
    abandoned: 2,
    shortAbandoned: 1,
    timedOut: 1,
    otherExits: 0,
    answeredWithin: 3,
    abandonedWithin: 1,
    waitMsSum: 177 * S,
    answeredWaitMsSum: 79 * S,
    waitMsMax: 50 * S,
    handled: 5,
    talkMsSum: 510 * S,
    holdMsSum: 30 * S,
    heldCount: 1,
    heldHoldMsSum: 30 * S,
    acwMsSum: 30 * S,
    transferred: 1,
  },
  sales: {
    offered: 3,
    inProgress: 0,
    lost: 0,
    answered: 3,
    abandoned: 0,
    shortAbandoned: 0,
    timedOut: 0,
    otherExits: 0,
    answeredWithin: 1,
    abandonedWithin: 0,
    waitMsSum: 66 * S,
    answeredWaitMsSum: 66 * S,
    waitMsMax: 30 * S,
    handled: 3,
    talkMsSum: 390 * S,
    holdMsSum: 30 * S,
    heldCount: 1,
    heldHoldMsSum: 30 * S,
    acwMsSum: 30 * S,
    transferred: 0,
  },
  support: {
    offered: 5,
    inProgress: 0,
    lost: 0,
    answered: 2,
    abandoned: 2,
    shortAbandoned: 1,
    timedOut: 1,
    otherExits: 0,
    answeredWithin: 2,
    abandonedWithin: 1,
    waitMsSum: 111 * S,
    answeredWaitMsSum: 13 * S,
    waitMsMax: 50 * S,
    handled: 2,
    talkMsSum: 120 * S,
    holdMsSum: 0,
    heldCount: 0,
    heldHoldMsSum: 0,
    acwMsSum: 0,
    transferred: 1,
  },
} as const;

/** Headline KPIs by hand: service level, ASA, AHT (ms), abandon rate. */
export const HAND_KPIS = {
  total: { serviceLevel: 3 / 5, asaMs: 15_800, ahtMs: 114 * S, abandonRate: 2 / 8 },
  sales: { serviceLevel: 1 / 3, asaMs: 22 * S, ahtMs: 150 * S, abandonRate: 0 },
  support: { serviceLevel: 1, asaMs: 6_500, ahtMs: 60 * S, abandonRate: 2 / 5 },
} as const;

/** Agent state time by hand, ms. */
export const HAND_AGENT_STATES = {
  "1001": { ready: 340 * S, not_ready: 0, busy: 240 * S, after_call_work: 20 * S },
  "1002": { ready: 410 * S, not_ready: 0, busy: 180 * S, after_call_work: 10 * S },
  "1003": { ready: 250 * S, not_ready: 230 * S, busy: 120 * S, after_call_work: 0 },
} as const;

export const HAND_AGENTS = {
  "1001": { handled: 2, transferred: 0, ahtMs: 130 * S, ahtSplit: { talkMs: 105 * S, holdMs: 15 * S, acwMs: 10 * S } },
  "1002": { handled: 1, transferred: 0, ahtMs: 190 * S, ahtSplit: { talkMs: 180 * S, holdMs: 0, acwMs: 10 * S } },
  "1003": { handled: 2, transferred: 1, ahtMs: 60 * S, ahtSplit: { talkMs: 60 * S, holdMs: 0, acwMs: 0 } },
} as const;

export const HAND_OCCUPANCY = 570 / 1570;

/** Events the log must map to, by type (see the story above). */
export const HAND_EVENT_TYPES = {
  "call.offered": 7,
  "call.queued": 8,
  "call.delivered": 6, // one per CONNECT (5) and per RINGNOANSWER (1)
  "call.diverted": 1,
  "call.established": 5,
  "call.queue_exited": 8,
  "call.held": 1,
  "call.retrieved": 1,
  "call.transferred": 1,
  "call.connection_cleared": 5,
  "call.cleared": 7, // not on the transfer: c4 goes on into sales
  "agent.logged_on": 3,
  "agent.logged_off": 3,
  "agent.ready": 9, // 1001: +0 +152 +320; 1002: +0 +250; 1003: +0 +165 +400 +478
  "agent.busy": 5,
  "agent.working_after_call": 3,
  "agent.not_ready": 1,
} as const;

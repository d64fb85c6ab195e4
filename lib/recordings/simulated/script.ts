import type { BankIndex, BankPhrase, BankWord, SpeakerRole } from "@/lib/recordings/bank/format";
import { hashSeed, Rng } from "@/lib/random/rng";
import { randomDigits, testCardNumber } from "./card";
import { agentPersona, callerPersona, type Persona } from "./personas";
import { PhrasePicker } from "./phrase-picker";
import { placeWords, playedMs } from "./playback";
import { talkWindows, type RecordingTimeline } from "./timeline";

/** One phrase placed in the recording. Times are ms from the recording's start. */
export interface Utterance {
  /** The turn it belongs to: one transcript segment per turn. */
  readonly turn: number;
  readonly speaker: SpeakerRole;
  readonly channel: 0 | 1;
  readonly key: string;
  readonly at: number;
  readonly speed: number;
  readonly durationMs: number;
  readonly words: readonly BankWord[];
}

export type Payment = "none" | "spoken" | "paused";

export interface CallScript {
  readonly recordingId: string;
  readonly agent: Persona;
  readonly caller: Persona;
  readonly topic: string;
  readonly payment: Payment;
  /** The card number and CVV read aloud, when payment is "spoken". */
  readonly card?: { readonly number: string; readonly cvv: string };
  /** Sorted by `at`. */
  readonly utterances: readonly Utterance[];
}

export const CHANNEL: Record<SpeakerRole, 0 | 1> = { agent: 0, caller: 1 };

/** Share of calls without a recording pause in which the caller reads a card number aloud. */
export const SPOKEN_CARD_SHARE = 0.08;

interface Piece {
  readonly phrase: BankPhrase;
  /** Silence before this piece, ms. */
  readonly gap: number;
}
interface TurnSpec {
  readonly speaker: SpeakerRole;
  readonly pieces: readonly Piece[];
  /** Silence after the turn (the agent looking something up). */
  readonly after: number;
}
type Block = readonly TurnSpec[];

/** The seed of everything random in a recording's script: the recording id and nothing else. */
export function scriptRng(recordingId: string): Rng {
  return new Rng(hashSeed("recording-script", recordingId));
}

/**
 * The words of a simulated call: who says which bank phrase when, around the timeline's
 * holds and pauses (never inside one), hold notices before holds and thanks after, a
 * transfer notice before a transfer, a closing before the end; the rest of the talk time
 * filled with a topic's dialogue, identification, sometimes a card payment, and generic
 * exchanges with the silences of an agent at work. Pure: the same timeline and bank give
 * the same script, which is how the transcript the simulator emitted can be checked
 * against the audio rendered later.
 */
export function scriptCall(timeline: RecordingTimeline, bank: BankIndex): CallScript {
  const rng = scriptRng(timeline.recordingId);
  const pick = PhrasePicker.of(bank);
  const agent = agentPersona(timeline.agentId, pick.voices);
  const caller = callerPersona(rng, agent, pick.voices);
  const persona = (role: SpeakerRole) => (role === "agent" ? agent : caller);
  const topic = rng.pick(pick.topics);
  const paused = timeline.pauses.length > 0;
  const spoken = !paused && rng.chance(SPOKEN_CARD_SHARE);

  const durOf = (p: BankPhrase, role: SpeakerRole) => playedMs(p.samples, persona(role).speed);
  // A phrase said once in a call is not said again while the slot has others left (a real
  // agent varies the wording; a repeated filler sounds like a recording, which it is).
  const said = new Set<string>();
  const say = (role: SpeakerRole, slot: string, where: (p: BankPhrase) => boolean = () => true) => {
    const fresh = pick.has(role, slot, persona(role).voice, (p) => where(p) && !said.has(p.id));
    const phrase = pick.pick(rng, role, slot, persona(role).voice, fresh ? (p) => where(p) && !said.has(p.id) : where);
    said.add(phrase.id);
    return phrase;
  };
  const shortAck = (role: SpeakerRole) => say(role, "ack", (p) => durOf(p, role) < 900);
  let lastSpeaker: SpeakerRole | null = null;
  const turn = (speaker: SpeakerRole, phrases: readonly BankPhrase[], after = 0, innerGap?: (i: number) => number): TurnSpec => {
    const first = lastSpeaker === speaker ? rng.uniform(450, 1100) : rng.uniform(200, 750);
    lastSpeaker = speaker;
    const pieces = phrases.map((phrase, i) => ({ phrase, gap: Math.round(i === 0 ? first : (innerGap?.(i) ?? rng.uniform(120, 300))) }));
    return { speaker, pieces, after: Math.round(after) };
  };
  /** Digits read out in groups, the way people read card and account numbers. */
  const digits = (intro: BankPhrase, number: string, group: number): TurnSpec =>
    turn("caller", [intro, ...[...number].map((d) => pick.digit("caller", d, caller.voice))], 0, (i) =>
      i > 1 && (i - 1) % group === 0 ? rng.uniform(320, 520) : rng.uniform(40, 140),
    );

  const topicTurns = pick.topicTurns(topic, (r) => persona(r).voice);
  const [reason, ...rest] = topicTurns;
  const opening: Block = [turn("caller", [say("caller", "hello"), ...(reason ? [reason] : [])])];
  const identification: Block = [
    turn("agent", [say("agent", "ask-name")]),
    turn("caller", [say("caller", "name")]),
    turn("agent", [say("agent", "ask-account")]),
    digits(say("caller", "account-intro"), randomDigits(rng, 8), 4),
    turn("agent", [say("agent", "ask-postcode")]),
    turn("caller", [say("caller", "postcode")]),
    turn("agent", [say("agent", "check"), say("agent", "verified")], 0, () => rng.uniform(1500, 4500)),
  ];
  const story: Block[] = [];
  for (let i = 0; i < rest.length; i += 2)
    story.push(rest.slice(i, i + 2).map((p) => turn(p.role, [p], p.role === "agent" && rng.chance(0.2) ? rng.uniform(1000, 3000) : 0)));
  const card = spoken ? { number: testCardNumber(rng), cvv: randomDigits(rng, 3) } : undefined;
  const payment: Block[] = card
    ? [
        [
          turn("agent", [say("agent", "pay-offer")]),
          turn("caller", [say("caller", "pay-yes")]),
          turn("agent", [say("agent", "pay-card")]),
          digits(say("caller", "card-intro"), card.number, 4),
          turn("agent", [say("agent", "pay-expiry")]),
          turn("caller", [say("caller", "expiry")]),
          turn("agent", [say("agent", "pay-cvv")]),
          digits(say("caller", "cvv-intro"), card.cvv, 3),
          turn("agent", [say("agent", "pay-done")], rng.uniform(800, 2000)),
          turn("caller", [shortAck("caller")]),
        ],
      ]
    : [];
  const queue: Block[] = [opening, identification, ...story, ...payment];
  // Long calls are mostly the agent at work: explanations of a few sentences and the silences
  // of looking things up, with the caller chipping in now and then. Few, long turns keep the
  // transcript (one event per turn) to a few dozen events per call.
  const filler = (): Block => {
    const kind = rng.int(3);
    const working = () => rng.uniform(3000, 12_000);
    if (kind === 0) return [turn("agent", [say("agent", "check"), say("agent", "filler")], working(), working)];
    if (kind === 1) return [turn("caller", [say("caller", "filler")]), turn("agent", [say("agent", "ack"), say("agent", "filler"), say("agent", "filler")], working())];
    return [turn("agent", [say("agent", "filler"), say("agent", "filler")], working())];
  };
  const utterances: Utterance[] = [];
  let turnNo = 0;
  const length = (b: Block) => b.reduce((n, t) => n + t.pieces.reduce((m, p) => m + p.gap + durOf(p.phrase, t.speaker), 0) + t.after, 0);
  const place = (b: Block, from: number): number => {
    let at = from;
    for (const t of b) {
      const speed = persona(t.speaker).speed;
      const no = turnNo++;
      for (const p of t.pieces) {
        at += p.gap;
        const durationMs = durOf(p.phrase, t.speaker);
        utterances.push({
          turn: no,
          speaker: t.speaker,
          channel: CHANNEL[t.speaker],
          key: p.phrase.key,
          at,
          speed,
          durationMs,
          words: placeWords(p.phrase.words, at, speed),
        });
        at += durationMs;
      }
      at += t.after;
    }
    return at;
  };

  const windows = talkWindows(timeline);
  let greeted = false;
  let scanned = 0;
  let paymentPlaced = false;
  for (const w of windows) {
    const holdAfter = timeline.holds.find((h) => h.start === w.end);
    const pauseAfter = timeline.pauses.find((p) => p.start === w.end);
    const afterHold = timeline.holds.some((h) => h.end === w.start);
    const afterPause = timeline.pauses.some((p) => p.end === w.start);
    const consult = holdAfter !== undefined && timeline.ending === "attended-transfer" && holdAfter.end >= timeline.durationMs;
    const last = w.end >= timeline.durationMs;

    lastSpeaker = null;
    const head: TurnSpec[] = [];
    if (afterPause) head.push(turn("agent", [say("agent", "pay-resumed")]), turn("caller", [shortAck("caller")]));
    else if (afterHold) head.push(turn("agent", [say("agent", "hold-thanks")]));
    if (!greeted) head.push(turn("agent", [say("agent", "greeting")]));

    lastSpeaker = null;
    const tails: Block[] = [];
    if (pauseAfter) {
      tails.push([turn("agent", [say("agent", "pay-offer")]), turn("caller", [say("caller", "pay-yes")]), turn("agent", [say("agent", "pay-pause")])]);
      tails.push([turn("agent", [say("agent", "pay-pause")])]);
    } else if (consult) {
      tails.push(
        [turn("agent", [say("agent", "transfer-consult")]), turn("caller", [say("caller", "transfer-ok")])],
        [turn("agent", [say("agent", "transfer-consult")])],
      );
    } else if (holdAfter) {
      tails.push([turn("agent", [say("agent", "hold-notice")]), turn("caller", [say("caller", "hold-ok")])], [turn("agent", [say("agent", "hold-notice")])]);
    } else if (last && timeline.ending === "blind-transfer") {
      tails.push([turn("agent", [say("agent", "transfer-notice")]), turn("caller", [say("caller", "transfer-ok")])], [turn("agent", [say("agent", "transfer-notice")])]);
    } else if (last) {
      tails.push(
        [
          turn("agent", [say("agent", "anything-else")]),
          turn("caller", [say("caller", "nothing-else")]),
          turn("agent", [say("agent", "closing")]),
          turn("caller", [say("caller", "goodbye")]),
        ],
        [turn("agent", [say("agent", "closing")]), turn("caller", [say("caller", "goodbye")])],
        [turn("agent", [say("agent", "closing")])],
      );
    }
    // The tail hugs the window's end (the hold, the pause, the hang-up follows it shortly).
    const margin = Math.round(last ? rng.uniform(400, 1400) : rng.uniform(250, 800));
    const tail = tails.find((t) => length(t) + margin <= w.end - w.start) ?? [];
    const tailStart = w.end - margin - length(tail);
    let cursor = w.start;
    if (head.length > 0 && length(head) <= tailStart - cursor) {
      cursor = place(head, cursor);
      greeted = true;
    }
    if (greeted) {
      while (queue.length > 0 && cursor + length(queue[0] as Block) <= tailStart) {
        const block = queue.shift() as Block;
        if (payment.includes(block)) paymentPlaced = true;
        cursor = backchannels(place(block, cursor));
      }
      for (let tries = 0; tries < 3;) {
        const f = filler();
        if (cursor + length(f) <= tailStart) cursor = backchannels(place(f, cursor));
        else tries++;
      }
    }
    if (tail.length > 0) place(tail, tailStart);
  }

  /**
   * The odd "mm-hm" from the caller while the agent explains, on the caller's channel. Turns are laid
   * end to end, so the caller's channel is free while the agent speaks.
   */
  function backchannels(end: number): number {
    const from = utterances.length;
    for (let i = scanned; i < from; i++) {
      const u = utterances[i] as Utterance;
      const slot = pick.byKey.get(u.key)?.slot;
      if (u.speaker !== "agent" || (slot !== "topic" && slot !== "filler") || u.durationMs < 2500 || !rng.chance(0.15)) continue;
      const ack = shortAck("caller");
      const at = u.at + Math.round(u.durationMs * rng.uniform(0.35, 0.55));
      const durationMs = durOf(ack, "caller");
      if (at + durationMs >= u.at + u.durationMs) continue;
      utterances.push({
        turn: turnNo++,
        speaker: "caller",
        channel: 1,
        key: ack.key,
        at,
        speed: caller.speed,
        durationMs,
        words: placeWords(ack.words, at, caller.speed),
      });
    }
    scanned = utterances.length;
    return end;
  }

  utterances.sort((a, b) => a.at - b.at || a.channel - b.channel);
  const made: Payment = paused ? "paused" : card && paymentPlaced ? "spoken" : "none";
  return { recordingId: timeline.recordingId, agent, caller, topic, payment: made, ...(made === "spoken" && card ? { card } : {}), utterances };
}

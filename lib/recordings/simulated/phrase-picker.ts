import type { BankIndex, BankPhrase, SpeakerRole } from "@/lib/recordings/bank/format";
import type { Rng } from "@/lib/random/rng";

/** The bank's phrases by role, slot and voice; topics by id with their turns in order. */
export class PhrasePicker {
  private readonly bySlot = new Map<string, BankPhrase[]>();
  private readonly byTopic = new Map<string, BankPhrase[]>();
  readonly byKey = new Map<string, BankPhrase>();
  readonly voices: readonly string[];
  readonly topics: readonly string[];

  private static readonly built = new WeakMap<BankIndex, PhrasePicker>();

  /** One picker per loaded bank: building the maps costs more than writing a call's script. */
  static of(index: BankIndex): PhrasePicker {
    let picker = PhrasePicker.built.get(index);
    if (!picker) {
      picker = new PhrasePicker(index);
      PhrasePicker.built.set(index, picker);
    }
    return picker;
  }

  private constructor(index: BankIndex) {
    this.voices = index.voices.map((v) => v.id);
    this.topics = index.topics.map((t) => t.id);
    for (const p of index.phrases) {
      this.byKey.set(p.key, p);
      if (p.topic !== undefined) {
        const key = `${p.topic}|${p.voice}`;
        const list = this.byTopic.get(key) ?? [];
        list.push(p);
        this.byTopic.set(key, list);
      } else {
        const key = `${p.role}|${p.slot}|${p.voice}`;
        const list = this.bySlot.get(key) ?? [];
        list.push(p);
        this.bySlot.set(key, list);
      }
    }
    for (const list of this.byTopic.values()) list.sort((a, b) => (a.turn ?? 0) - (b.turn ?? 0));
  }

  /** A random phrase of the slot in the voice; `where` narrows the choice (a short acknowledgement). */
  pick(rng: Rng, role: SpeakerRole, slot: string, voice: string, where?: (p: BankPhrase) => boolean): BankPhrase {
    const all = this.bySlot.get(`${role}|${slot}|${voice}`) ?? [];
    const list = where ? all.filter(where) : all;
    if (list.length === 0) throw new Error(`phrase bank: no ${role} "${slot}" phrase in voice ${voice}`);
    return rng.pick(list);
  }

  /** Whether the slot has a phrase in the voice that `where` accepts. */
  has(role: SpeakerRole, slot: string, voice: string, where: (p: BankPhrase) => boolean): boolean {
    return (this.bySlot.get(`${role}|${slot}|${voice}`) ?? []).some(where);
  }

  /** The phrase for one spoken digit. */
  digit(role: SpeakerRole, d: string, voice: string): BankPhrase {
    const p = (this.bySlot.get(`${role}|digit|${voice}`) ?? []).find((x) => x.text === d);
    if (!p) throw new Error(`phrase bank: no digit ${d} in voice ${voice}`);
    return p;
  }

  /** A topic's turns, each in the voice of the party who says it. */
  topicTurns(topic: string, voiceOf: (role: SpeakerRole) => string): BankPhrase[] {
    const agent = this.byTopic.get(`${topic}|${voiceOf("agent")}`) ?? [];
    const caller = this.byTopic.get(`${topic}|${voiceOf("caller")}`) ?? [];
    const turns = new Map<number, BankPhrase>();
    for (const p of agent) if (p.role === "agent") turns.set(p.turn ?? 0, p);
    for (const p of caller) if (p.role === "caller") turns.set(p.turn ?? 0, p);
    return [...turns.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
  }
}

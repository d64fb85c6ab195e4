"""Builds the speech worker's test fixture: a short two-party call, stereo (agent left,
caller right), as Opus in WebM like the product stores it, plus the known text and times.

A one-off developer tool, not run by the product or CI; the result is committed under
test/fixtures/speech/. Voice: hibari-tts 0.2.1 (Apache-2.0), its packaged "heart" voice,
the only one inside the package; the caller is the same voice a little slower.
Needs a venv with hibari-tts==0.2.1 and av (for the Opus encode):
    python -m venv /tmp/tts && /tmp/tts/bin/pip install hibari-tts==0.2.1 av==18.1.0
    /tmp/tts/bin/python scripts/speech/make-fixture.py test/fixtures/speech
Each phrase is synthesised alone and placed at a known offset; its spoken span is where its
level first and last rises above a threshold. Digits are synthesised one at a time, so each
digit word's own start and end are known too.
"""
import json
import sys
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from hibari import Hibari, SAMPLE_RATE

OUT_RATE = 16000
GAP_S = 0.4
DIGIT_GAP_S = 0.12

# (channel, text, speed); a list of words is read one word at a time (digits).
SCRIPT = [
    (0, "Northwind billing, how can I help you today?", 1.1),
    (1, "I would like to pay my bill by card.", 1.0),
    (0, "Sure. Please read me the card number.", 1.1),
    (1, "Four five three nine, one four eight eight, zero three four three, six four six seven.", 1.0),
    (0, "And the security code on the back?", 1.1),
    (1, ["seven", "three", "seven"], 1.0),
]


def resample(x, src, dst):
    n = int(round(len(x) * dst / src))
    return np.interp(np.linspace(0, len(x) - 1, n), np.arange(len(x)), x).astype(np.float32)


def spoken_span(x, rate):
    """First and last sample above -40 dBFS in 10 ms frames, in seconds."""
    frame = rate // 100
    levels = [np.abs(x[i : i + frame]).max() for i in range(0, len(x), frame)]
    loud = [i for i, v in enumerate(levels) if v > 0.01]
    return loud[0] * frame / rate, (loud[-1] + 1) * frame / rate


def main(out_dir):
    tts = Hibari()
    channels = [[], []]
    cursor = 0.3
    turns = []
    for channel, text, speed in SCRIPT:
        words = text if isinstance(text, list) else None
        pieces = words or [text]
        turn = {"channel": channel, "text": " ".join(pieces), "words": []}
        for k, piece in enumerate(pieces):
            audio = resample(np.asarray(tts(piece, speed=speed, seed=7), dtype=np.float32), SAMPLE_RATE, OUT_RATE)
            a, b = spoken_span(audio, OUT_RATE)
            channels[channel].append((cursor, audio))
            if words:
                turn["words"].append({"t": piece, "s": round((cursor + a) * 1000), "e": round((cursor + b) * 1000)})
            if k == 0:
                turn["startMs"] = round((cursor + a) * 1000)
            turn["endMs"] = round((cursor + b) * 1000)
            cursor += b + (DIGIT_GAP_S if words else 0)
        turns.append(turn)
        cursor += GAP_S
    total = int((cursor + 0.3) * OUT_RATE)
    pcm = np.zeros((2, total), dtype=np.float32)
    for ch, clips in enumerate(channels):
        for at, audio in clips:
            i = int(round(at * OUT_RATE))
            pcm[ch, i : i + len(audio)] += audio[: total - i]
    pcm = np.clip(pcm * 0.8, -1, 1)
    pcm16 = (pcm * 32767).astype(np.int16)

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    container = av.open(str(out / "card-call.webm"), "w", format="webm")
    stream = container.add_stream("libopus", rate=48000, layout="stereo")
    stream.bit_rate = 32000
    frame = av.AudioFrame.from_ndarray(pcm16.T.reshape(1, -1).copy(), format="s16", layout="stereo")
    frame.sample_rate = OUT_RATE
    frame.time_base = Fraction(1, OUT_RATE)
    frame.pts = 0
    resampler = av.AudioResampler(format="s16", layout="stereo", rate=48000)
    for f in resampler.resample(frame) + resampler.resample(None):
        for packet in stream.encode(f):
            container.mux(packet)
    for packet in stream.encode(None):
        container.mux(packet)
    container.close()
    meta = {
        "source": "hibari-tts 0.2.1 (Apache-2.0), packaged voice 'heart'; built by scripts/speech/make-fixture.py",
        "durationMs": round(total / OUT_RATE * 1000),
        "channelRoles": ["agent", "caller"],
        "turns": turns,
    }
    (out / "card-call.json").write_text(json.dumps(meta, indent=2) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/speech")

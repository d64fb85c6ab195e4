#!/usr/bin/env bash
# npm run speech:install: the speech worker's venv (SPEECH_VENV, default .speech-venv) from
# speech/requirements.txt, every package pinned by hash. Does nothing when the venv already
# holds exactly that file's packages (a stamp of its hash), so CI's second run costs a second;
# pip's own cache (~/.cache/pip) makes a fresh install a copy rather than a download.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv="${SPEECH_VENV:-.speech-venv}"
requirements="speech/requirements.txt"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"
stamp="$venv/.requirements-sha256"

if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -x "$venv/bin/python" ]]; then
  echo "speech: $venv is up to date"
  exit 0
fi

# The wheels are pinned for CPython 3.11; take it by name first.
python="${SPEECH_PYTHON:-}"
if [[ -z "$python" ]]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      python="$candidate"
      break
    fi
  done
fi
if [[ -z "$python" ]]; then
  echo "speech: CPython 3.11 not found (set SPEECH_PYTHON); the product runs without a recogniser" >&2
  exit 1
fi

echo "speech: installing into $venv with $("$python" --version)"
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes --only-binary=:all: --no-deps -r "$requirements"
echo "$want" >"$stamp"
echo "speech: ready ($venv/bin/python speech/worker.py)"
